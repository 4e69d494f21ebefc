-- Drives `roadmap lsp` from Neovim's own LSP client (headless), as tests/nvim.rs runs it:
--   nvim --headless --clean -n -i NONE -u NONE -c "luafile tests/nvim/lsp.lua"
-- with ROADMAP_BIN (the binary), ROADMAP_DIR (a roadmap: 1-basics.toml, 2-ml.toml with the
-- misspelt reference "pyhton") and ROADMAP_NVIM_OUT (where each step's result is written, one
-- line each). Written for Neovim 0.7 (Debian 12) and later: vim.lsp.start_client and
-- request_sync, nothing newer. Exits 0 when every step ran; a step that fails writes `FAIL ...`
-- and exits 1.

local bin = assert(os.getenv('ROADMAP_BIN'))
local dir = assert(os.getenv('ROADMAP_DIR'))
local out = assert(io.open(assert(os.getenv('ROADMAP_NVIM_OUT')), 'w'))

local function log(line)
  out:write(line .. '\n')
  out:flush()
end

local function check(ok, what)
  if not ok then
    error(what, 2)
  end
end

-- The (0-based) line and byte column of the first `needle` in a buffer.
local function find(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  error('not found: ' .. needle)
end

-- The diagnostics of a line as the server sent them (with their `data`, which holds the fix):
-- Neovim before 0.10 gives them back through vim.lsp.diagnostic, later ones keep them in
-- `user_data.lsp`.
local function lsp_diagnostics(buf, line)
  if vim.fn.has('nvim-0.10') == 0 then
    return vim.lsp.diagnostic.get_line_diagnostics(buf, line)
  end
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = line })) do
    found[#found + 1] = d.user_data and d.user_data.lsp or d
  end
  return found
end

local function steps()
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/2-ml.toml'))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'roadmap',
    cmd = { bin, 'lsp' },
    root_dir = dir,
  })
  check(id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)
  check(vim.wait(15000, function() return client.initialized end, 50), 'not initialized')
  log('initialized ' .. client.name)

  -- Diagnostics: the misspelt reference, where it is written.
  check(vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50),
    'no diagnostics')
  local d = vim.diagnostic.get(buf)[1]
  local line, col = find(buf, '"pyhton"')
  check(d.lnum == line and d.col == col, ('diagnostic at %d:%d'):format(d.lnum, d.col))
  log(('diagnostic %s %d:%d-%d %s'):format(
    d.source, d.lnum - line, d.col - col, d.end_col - col, d.message:match('^[^\n]*')))

  -- The other file's findings arrive too, though it is not open.
  local other = vim.uri_to_bufnr(vim.uri_from_fname(dir .. '/1-basics.toml'))
  check(vim.wait(5000, function() return #vim.diagnostic.get(other) > 0 end, 50),
    'no diagnostics for 1-basics.toml')
  log('other file ' .. vim.diagnostic.get(other)[1].message:match('^[^\n]*'))

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, params)
    local answer = client.request_sync(method, params, 10000, buf)
    check(answer and not answer.err, method .. ': ' .. vim.inspect(answer))
    return answer.result
  end
  local function at(l, c)
    return { textDocument = { uri = uri }, position = { line = l, character = c } }
  end

  -- The quick fix, applied as the editor applies it; the diagnostic then goes away.
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = line, character = col }, ['end'] = { line = line, character = col + 8 } },
    context = { diagnostics = lsp_diagnostics(buf, line) },
  })
  check(#actions == 1, 'code actions: ' .. vim.inspect(actions))
  log('code action ' .. actions[1].title)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding)
  check(vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]:find('"python"', 1, true),
    'the fix was not applied')
  check(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 50),
    'the diagnostic stayed after the fix')
  log('fixed, diagnostics ' .. #vim.diagnostic.get(buf))

  -- Completion inside `requires = ["py`.
  line, col = find(buf, '"python"')
  local items = request('textDocument/completion', at(line, col + 3))
  items = items.items or items
  local labels = {}
  for _, item in ipairs(items) do
    if item.label == 'python' then
      log('completion python ' .. item.detail)
    end
    labels[#labels + 1] = item.label
  end
  check(vim.tbl_contains(labels, 'python') and not vim.tbl_contains(labels, 'numpy'),
    'completion: ' .. table.concat(labels, ' '))

  -- Go to definition, in the other file.
  local found = request('textDocument/definition', at(line, col + 2))
  check(#found == 1, 'definition: ' .. vim.inspect(found))
  log(('definition %s:%d'):format(
    vim.fn.fnamemodify(vim.uri_to_fname(found[1].uri), ':t'), found[1].range.start.line + 1))

  -- Hover.
  local hover = request('textDocument/hover', at(line, col + 2))
  log('hover ' .. hover.contents.value:match('^[^\n]*'))

  -- Rename across both files, applied to the buffers.
  local edit = request('textDocument/rename',
    vim.tbl_extend('force', at(line, col + 2), { newName = 'python3' }))
  vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding)
  local renamed = 0
  for _, b in ipairs({ buf, other }) do
    vim.fn.bufload(b)
    for _, l in ipairs(vim.api.nvim_buf_get_lines(b, 0, -1, false)) do
      if l:find('"python3"', 1, true) then
        renamed = renamed + 1
      end
    end
  end
  log('renamed ' .. renamed)
  -- A taken id is refused with the server's message.
  local refused = client.request_sync('textDocument/rename',
    vim.tbl_extend('force', at(line, col + 2), { newName = 'r' }), 10000, buf)
  log('refused ' .. refused.err.message)

  -- Document symbols.
  local symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
  log(('symbols %d first %s'):format(#symbols, symbols[1].name))

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
  log('stopped')
end

local ok, err = pcall(steps)
if ok then
  out:close()
  vim.cmd('qall!')
else
  log('FAIL ' .. tostring(err))
  out:close()
  vim.cmd('cquit 1')
end
