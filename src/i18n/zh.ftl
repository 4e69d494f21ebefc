# 简体中文界面：`roadmap` 向用户显示的全部文字。消息 id 与 en.ftl 一一对应。

## 通用

level-error = 错误
level-warning = 警告
level-help = 提示
level-note = 注意
help-did-you-mean = 你是不是想输入 `{ $name }`？
topics-count = { $count } 个主题

finding-invalid-lang = 资源的 `lang` 必须是语言代码，实际为“{ $code }”
finding-invalid-i18n-lang = `i18n` 的语言必须是语言代码，实际为“{ $code }”
help-invalid-lang = 请写一个语言部分为 ISO 639 代码的 BCP 47 标签，例如 `zh`、`en` 或 `zh-Hans`
lang-unknown-code = 没有哪种 ISO 639 语言使用这个代码
lang-not-well-formed = 不是格式正确的 BCP 47 语言标签

lang-not-in-roadmap = 这个路线图没有 `{ $lang }` 的名称或简介（它有：{ $has }）：仍用它自己的语言
lang-not-in-roadmap-none = 这个路线图没有 `{ $lang }` 的名称或简介，除了它自己的语言也没有其他语言
progress-unknown-entries = 进度文件中有 { $count } 条记录属于这个路线图没有的主题：{ $ids }（保持原样）

## 错误

error-read = 无法读取 `{ $path }`：{ $reason }
error-no-roadmap-files = `{ $path }` 中没有路线图：其中没有 .toml 文件
error-symlink-loop = `{ $path }` 是指回 `{ $ancestor }` 的符号链接循环
error-too-large = `{ $path }` 太大：一个路线图的所有文件合计最多 512 MiB 的 TOML
error-progress-too-large = `{ $path }` 太大，不能作为进度文件（最多 8 MiB，约 15 万个已标记的主题）；未作任何改动
error-invalid = 路线图无效
error-invalid-summary = 路线图无效（{ $summary }），未执行其他操作
error-bad-progress = 进度文件无效，未作任何改动
plan-too-many-weeks = 按每周 { $pace } 小时，计划的 { $hours } 小时需要超过 { $max } 周
    .help = 请提高 --hours-per-week，或选择更近的目标
error-empty-name = { $given } 没有指明任何主题
    .help = 请给出主题的 id 或标题，以逗号或空格分隔
error-unknown-topic = 此路线图中没有主题 `{ $name }`
error-write = 无法写入 `{ $path }`：{ $reason }
error-graphviz-missing = 未安装 Graphviz：在 PATH 中找不到 `dot`
    .help = 请安装（Debian/Ubuntu：`apt-get install graphviz`，macOS：`brew install graphviz`），或用 `roadmap export --format dot` 导出后在别处排版
error-graphviz = Graphviz 出错：{ $reason }
error-graphviz-timeout = Graphviz 未能在 { $seconds } 秒内完成排布，已被停止；未写入任何文件
    .help = 少画一些（`--overview`、`--stage STAGE` 或目标），或用 `--timeout SECS` 放宽时限（0 表示不限）
error-output = 无法写出输出：{ $reason }

error-unknown-topic-suggest = 此路线图中没有主题 `{ $name }`
    .help = 你是不是想输入 `{ $suggestion }`？
error-unknown-topic-search = 此路线图中没有主题 `{ $name }`
    .help = 与 `{ $name }` 匹配的主题：{ $matches }
error-unknown-topic-suggest-search = 此路线图中没有主题 `{ $name }`
    .help = 你是不是想输入 `{ $suggestion }`？与之匹配的主题：{ $matches }
error-unknown-stage = 此路线图中没有阶段 `{ $name }`
    .help = 你是不是想输入 `{ $suggestion }`？
error-unknown-stage-list = 此路线图中没有阶段 `{ $name }`
    .help = 现有阶段：{ $stages }
error-no-data-dir = 找不到用户数据目录：请用 --progress FILE 指定进度文件
error-bad-today = ROADMAP_TODAY 的值 `{ $value }` 不是 2026-11-26 这样的日期

## check

check-summary = { $topics } 个主题，{ $edges } 条先修关系，{ $stages } 个阶段：{ $errors } 个错误，{ $warnings } 个警告

## 主题、列表与树

kind-topic = 主题
kind-role = 角色
list-total-topics = 共 { $count } 个主题，{ $hours } 小时
list-total-roles = 共 { $count } 个角色，{ $hours } 小时
tree-one-of = 任选其一：
tree-via-recommends = （推荐）
tree-via-one-of = （经 one_of 任选其一）
tree-levels = { $count } 层
tree-seen-note = (*) 已在上方展开；用 --no-dedupe 可重复展开
tree-too-large = `{ $topic }` 的树在重复展开所有共享子树后超过 { $limit } 行
    .help = 去掉 --no-dedupe，每个子树只展开一次（再次出现处标 (*)），或用 --depth 限制层数

## show

show-stage = 阶段
show-kind = 类型
show-hours = 学时
show-tags = 标签
show-not-estimated = 未估计
show-requires = 先修
show-recommends = 推荐先学
show-unlocks = 解锁
show-resources = 学习资源
show-resource-paid = 付费
show-nothing = 无
show-via-one-of = （作为其任选其一的备选项）

## next 与 path

next-nothing-goals-known = 没有可开始的主题：所有目标都已掌握。
next-nothing-all-known = 没有可开始的主题：全部内容都已掌握。
next-unlocks = 解锁 { $count } 个
path-none = `{ $from }` 不是 `{ $to }` 的先修主题
path-same-topic = `{ $from }` 不是 `{ $to }` 的先修主题（二者是同一个主题）
path-steps = { $number }. 共 { $count } 步

## init、render 与 progress

init-wrote = 已写入 { $count } 个文件到 { $dir }
init-next = 下一步：roadmap --roadmap { $dir } check（或设置 ROADMAP_PATH={ $dir }）
init-refuse-overwrite = 拒绝覆盖 { $files }
    .help = 请换一个目录，或先把这些文件移走
output-is-roadmap = 拒绝覆盖 `{ $path }`：它是正在读取的路线图的文件
    .help = 请换一个输出文件
init-not-a-directory = `{ $dir }` 是一个文件，不是目录
    .help = 请换一个目录
render-unknown-format = 无法从 `{ $path }` 判断图片格式：请把文件命名为 .svg、.png 或 .pdf，或使用 --format
progress-other-roadmap = `{ $path }` 记录的是路线图“{ $other }”的进度，而不是“{ $roadmap }”的
    .help = 请用 --progress 指定本路线图自己的进度文件（或一个新文件）

## assess

assess-intro = 为 { $goals } 做入门测评：计划中共有 { $count } 个主题。请回答 y（会）、n（不会）、?（不确定），或输入 q 在此结束。
assess-progress = 第 { $number } 题 · 尚有 { $open } 个未定
assess-question = 你掌握「{ $title }」吗？
assess-question-again = 再问一次：你掌握「{ $title }」吗？
assess-needs = 它建立在这些之上：{ $topics }
assess-resource = 例如：{ $title }
assess-answer-invalid = 请回答 y（会）、n（不会）、?（不确定）或 q（在此结束）
assess-choice = 你掌握「{ $title }」，它需要以下其中之一：你掌握哪一个？
assess-choice-instead = 「{ $title }」也可以建立在以下其中之一上：你掌握哪一个？
assess-choice-none = 都不会
assess-summary = { $count } 个回答的结果
assess-known = 已掌握：{ $count } 个主题，{ $hours } 小时
assess-unknown = 待学习：{ $count } 个主题，{ $hours } 小时
assess-unsure = 不确定（{ $count } 个，未标记）：{ $topics }
assess-open = 未问到（{ $count } 个，未标记）：{ $topics }
assess-confirm = 在 { $path } 中把这 { $count } 个主题标记为已完成？
assess-marked = 已在 { $path } 中把 { $count } 个主题标记为已完成
assess-not-marked = 未做任何标记。
assess-dry-run = 未做任何标记（--dry-run）。
assess-nothing-known = 没有发现已掌握的主题：无需标记。
error-assess-bad-answer = 输入的第 { $line } 行是 `{ $answer }`，不是有效回答：未做任何标记
    .help = 每个 `? ID` 行请回答 y、n 或 ?
error-assess-bad-choice = 输入的第 { $line } 行是 `{ $answer }`，不在 { $alternatives } 之中：未做任何标记
    .help = 对 `? ID one-of ...` 行，请回答其中一个 id，或用 n 表示都不会
error-assess-input-ended = 输入在 { $count } 个回答后就结束了，测评尚未完成：未做任何标记
    .help = 请回答每个 `?` 行，或用 --max-questions N 在 N 题后结束

## 编写检查（src/lint.rs）

lint-what-roadmap = 路线图
lint-what-stage = 阶段 `{ $id }`
lint-what-topic = 主题 `{ $id }`
lint-what-role = 职业角色 `{ $id }`
lint-label-empty = 为空
lint-label-blank = 只有空白
lint-empty-title = { $what } 的标题为空
lint-empty-title-help = 写上学习者看到的名称
lint-empty-summary = { $what } 的简介为空
lint-empty-summary-help = 用一句话说明它涵盖的内容，或删除 `summary`
lint-empty-resource-title = { $what } 的一项学习资源标题为空
lint-empty-resource-title-help = 写明这是什么资源：书名或课程名
lint-not-web-url = { $what } 的一项学习资源的 URL 不是完整的 http(s) 地址
lint-not-web-url-help = 写出以 `https://` 开头的完整地址：只有这样的 URL 才能从图表或网页中打开
lint-url-no-scheme = 前面缺少 `https://`：不是完整的地址
lint-url-other-scheme = 不是 http(s) 地址
lint-url-blank = URL 中不能有空白：空格请写作 %20
lint-url-no-host = 协议后面缺少主机名
lint-empty-role = 职业角色 `{ $id }` 没有任何先修要求
lint-empty-role-label = 以它为目标的学习计划是空的
lint-empty-role-help = 在 `requires` 中列出这个角色需要的主题
lint-zero-hours = 主题 `{ $id }` 的学时为 0
lint-zero-hours-label = 学习计划不会为它计入任何时间
lint-zero-hours-help = 请给出实际的估计；本身不需要学习的目标应是职业角色（`kind = "role"`）
lint-duplicate-alternative = `{ $name }` 在 `{ $id }` 的一个 `one_of` 中出现了两次
lint-duplicate-alternative-label = 在此重复列出
lint-duplicate-alternative-help = 删除它：每个备选项只算一次
lint-single-alternative = `{ $id }` 的一个 `one_of` 只有一个备选项
lint-single-alternative-label = 没有可选择的余地
lint-single-alternative-help = 把它写成普通先修：`"{ $name }"`

## diagrams (export, render)
diagram-or = 或
diagram-legend = 图例
diagram-legend-topic = 主题
diagram-legend-hours = 小时
diagram-legend-topic-text = 一个主题及其所需学时
diagram-legend-requires = B 需要先学 A
diagram-legend-recommends = 建议先学 A 再学 B
diagram-legend-one-of = C 需要先学 A 或 B
diagram-legend-stub = 主题
diagram-legend-stub-stage = （所属阶段）
diagram-legend-stub-text = 本阶段需要的其他阶段的主题
diagram-legend-role = 职业角色
diagram-legend-goal = 目标
diagram-legend-learning = 学习中
diagram-legend-known = 已掌握
diagram-overview-topics = { $count } 个主题 · { $hours } 小时
diagram-overview-roles = { $count } 个职业角色
diagram-overview-known = 已掌握 { $count } 个
diagram-overview-requirements = { $count } 条先修关系
step-loading = 正在读取路线图
step-diagram = 正在构建图
step-page = 正在生成页面
step-layout = { $timeout ->
    [0] 正在用 Graphviz 排布 { $nodes } 个节点和 { $edges } 条边
   *[other] 正在用 Graphviz 排布 { $nodes } 个节点和 { $edges } 条边（最多 { $timeout } 秒）
}
picture-overview-instead = 该路线图要画 { $nodes } 个节点和 { $edges } 条边，超出 Graphviz 能在合理时间内排布的规模（节点与边共 { $max } 个）：改为绘制阶段概览
    .help = `--full` 绘制全部主题（可能很久，见 `--timeout`）；用 `--stage STAGE` 或目标只绘制其中一部分
render-font-missing = 已安装的字体都不包含这些标题中的全部字符（`{ $sample }`）：图中这些字会显示为空框
    .help = 请安装包含这些字符的字体：`apt-get install fonts-noto-cjk`（Debian、Ubuntu）或 `brew install --cask font-noto-sans-cjk-sc`（macOS）；`fc-list :lang=zh` 可列出已安装的中文字体
diagram-hours = { $hours } 小时
diagram-no-hours = ? 小时
diagram-role = 职业角色
diagram-plan-title = 学习计划：{ $goals }
diagram-stage-title = { $title }：{ $stage }
## check --links（src/links.rs）

links-summary = 链接：共 { $urls } 个 URL，已检查 { $checked } 个（{ $cached } 个来自缓存）{ $skipped ->
    [0] {""}
   *[other] ，{ $skipped } 个未检查（--offline）
}：{ $dead } 个失效，{ $moved } 个已迁移
links-dead = 失效链接：{ $url }
links-dead-help = 换成可用的地址，或删除这项资源
links-moved = `{ $url }` 已迁移到 `{ $to }`
links-moved-help = 改写为新地址：{ $to }
links-status = 返回 { $status } { $reason }
links-status-tries = 返回 { $status } { $reason }，共尝试 { $tries } 次
links-timeout = { $seconds } 秒内没有响应
links-refused = 连接被拒绝
links-host-not-found = 找不到主机
links-too-many-redirects = 重定向次数过多
links-bad-url = 不是可以访问的地址
links-failed = 无法访问：{ $error }

## 不带命令的 `roadmap`：概览

welcome-stages = { $stages } 个阶段，{ $topics } 个主题，共 { $hours } 小时
welcome-topics = { $count } 个主题
welcome-goals = { $count } 个目标（角色），各自从零开始的计划
welcome-no-roles = 没有主题是角色（`kind = "role"`）：任何主题都可以作为目标。
welcome-try = 试试
welcome-try-plan = 逐周的学习计划
welcome-try-show = 它是什么、需要什么、怎么学
welcome-try-list = 按阶段列出所有主题
welcome-more = 全部命令：roadmap help。换一个路线图：roadmap --roadmap PATH。

## progress status

status-heading = { $roadmap } 的学习进度
status-heading-goals = 目标 { $goals } 的学习进度
status-file = 文件：{ $path }
status-overall = 总计
status-topics = 个主题
status-hours-left = 剩余时长
status-hours-left-all = 整个路线图还剩 { $hours } 小时
status-hours-left-of = { $left } / { $total } 小时
status-pace = 学习速度
status-pace-given = 每周 { $pace } 小时（--hours-per-week）
status-pace-measured = 每周 { $pace } 小时（最近 8 周标记完成的主题时长除以 8）
status-pace-unknown = 未知：学完一个主题就标记完成，或用 --hours-per-week 指定
status-finish = 预计完成
status-finish-date = { $date } 完成
status-finish-at = 按这个速度 { $date } 完成
status-finish-never = 按这个速度，日历上排不下
status-roles = 各角色的剩余时长
status-learning = 正在学习
progress-removed = 已删除 { $ids }（不在这个路线图中）
progress-marked = { $state ->
    [reset] 已重置 { $count } 个主题
    [done] 已将 { $count } 个主题标记为已完成
    [learning] 已将 { $count } 个主题标记为学习中
   *[other] 已将 { $count } 个主题标记为已跳过
}：{ $ids }
progress-unchanged = 未改变（{ $state ->
    [reset] 本来就没有标记
    [done] 本来就已完成
    [learning] 本来就在学习中
   *[other] 本来就已跳过
}）：{ $ids }
progress-one-of = 其中之一（`{ $ids }`）
progress-and = {"、"}
progress-unmet = `{ $id }` 需要 { $missing }，它们还没有标记为已完成（加 --with-prereqs 可以一并标记）

## plan：文本与 Markdown

plan-for = 学习计划：{ $goals }
plan-known = 已掌握：{ $ids }
plan-goal-known = `{ $id }` 已经掌握：无需再学
plan-nothing = 无需学习：每个目标都已掌握。
plan-learning = { $title }（学习中）
plan-column-number = #
plan-column-topic = 主题
plan-column-title = 名称
plan-column-hours = 时长
plan-column-total = 累计
plan-column-weeks = 周次
plan-week = 第 { $week } 周
plan-weeks = 第 { $from }-{ $to } 周
plan-dates = （{ $from } 至 { $to }）
plan-choices = 选择
plan-choice = { $topic } 需要 { $alternatives } 之一：选 { $chosen }（{ $reason }）
plan-inexact = 待定的选择超过 16 个：按各自增加的时长逐个选择，再逐一调整直到无法减少总时长；可能存在总时长更少的计划。
plan-critical-path = 关键路径 { $hours } 小时：{ $path }
plan-total = 合计
plan-totals = { $count } 个主题，{ $hours } 小时
plan-totals-pace = ；每周 { $pace } 小时：共 { $weeks } 周
plan-totals-dates = ，{ $from } 至 { $to }

## plan：选项

choice-known = 已掌握
choice-preferred = 按 --prefer 指定
choice-learning = 正在学习
choice-needed-by = { $id } 本来就需要它
choice-goal = 本计划的目标
choice-cheapest = 最省时
choice-first-listed = 同样省时，列在最前
choice-tie = 与另一选项同样省时
choice-adds = { $reason }：增加 { $hours } 小时
choice-adds-others = { $reason }：增加 { $hours } 小时；{ $others }
choice-would-add = 选 { $id } 则增加 { $hours } 小时
choice-also = { $id } { $hours } 小时
list-separator = {"，"}

## why

why-via-one-of = （任选其一：{ $alternatives }；{ $reason }）
why-known = `{ $id }` 已经掌握（由 --known 指定，或已标记为完成或跳过），因此不在任何计划中
why-no-roles = 此路线图没有可供查找的角色：请指定目标（`roadmap why TOPIC GOAL...`）
why-absent-roles = 没有哪个角色的计划包含 `{ $id }`：{ $why }
why-absent-goals = { $goals } 的计划不包含 `{ $id }`：{ $why }
why-takes-instead = `{ $owner }` 选了 `{ $chosen }`（任选其一：{ $alternatives }；{ $reason }）
why-only-alternatives = 只有计划未选用的选项才需要它
why-only-known = 只有已掌握的主题才通向它
why-not-needed = 目标所需的主题都不需要它

## lsp（src/lsp/）

error-protocol = 语言客户端违反了协议：{ $reason }
lsp-fix-replace = 替换为 `{ $name }`
lsp-rename-nothing = 这里没有可以重命名的主题或阶段 id
lsp-rename-invalid = `{ $name }` 不能作为 id：只能使用字母、数字、`-`、`_`、`.` 和 `+`，并以字母或数字开头
lsp-rename-taken-topic = 已经有名为 `{ $name }` 的主题
lsp-rename-taken-stage = 已经有名为 `{ $name }` 的阶段
lsp-needs-stdio = 语言服务器只能以 `roadmap lsp` 运行，通过标准输入和标准输出通信

## HTML 页面（`page-*` 消息嵌入页面，由页面脚本填入参数）

page-skip-to-search = 跳到搜索
page-export = 导出进度
page-import = 导入进度
page-sidebar-label = 搜索、学习计划与进度
page-search-label = 搜索主题
page-search-placeholder = id、标题、关键词…
page-plan = 你的学习计划
page-progress-by-stage = 各阶段进度
page-key = 图例
page-key-done = 已完成
page-key-learning = 学习中
page-key-skipped = 已跳过或已掌握
page-key-plan = 在计划中
page-key-goal = 目标
page-key-role = 角色
page-key-help = 点击一个主题，或用 Tab 键移到它上面再按 Enter。拖动或滚动可移动视图；按住 Ctrl 滚动滚轮或使用按钮可缩放。
page-graph-label = 路线图
page-zoom = 缩放
page-zoom-out = 缩小
page-zoom-in = 放大
page-fit = 适应窗口
page-close-details = 关闭详情
page-my-progress = 我的进度
page-mark-none = 未开始
page-mark-learning = 学习中
page-mark-done = 已完成
page-mark-skipped = 已跳过
page-known-given = 生成此页面时已指定为已掌握（--known）。
page-resources = 学习资源
page-prerequisites = 先修主题
page-unlocks = 解锁
page-noscript = 不启用 JavaScript 也能查看路线图；详情、搜索和进度标记需要 JavaScript。
page-state-done = 已完成
page-state-learning = 学习中
page-state-skipped = 已跳过
page-state-known = 已掌握
page-role = 角色
page-goal = 目标
page-in-plan = 在计划中
page-paid = 付费
page-not-web-link = ：{ $url }（不是网页链接）
page-one-of = 任选其一：
page-or = 或
page-recommended = （推荐）
page-recommends-it = （推荐先学它）
page-no-requires = 无：可以从这里开始。
page-nothing-requires = 没有主题以它为先修。
page-storage-off = 此浏览器无法保存进度标记（存储已关闭）：请导出进度以便保留。
page-marked = 已将“{ $title }”标记为{ $state }。
page-cleared = 已清除“{ $title }”的标记。
page-exported = 已导出 { $count } 条标记，文件名为 { $file }。
page-imported = 已从 { $file } 导入 { $count } 条标记。
page-import-failed = 无法导入 { $file }：{ $reason }。
page-search-count = 找到 { $count } 个主题
page-search-help = 随时按 / 搜索；按 Enter 打开最佳结果。搜索范围：id、标题、简介、标签、译文和学习资源。
page-found-in = 匹配：{ $fields }
page-field-tag = 标签
page-field-summary = 简介
page-field-resource = 学习资源
page-next-up = 下一步
page-next-help = 现在就可以开始的主题：它们需要的都已完成。
page-next-more = 还有 { $count } 个
page-next-nothing = 没有可开始的主题：全部已完成。
page-next-goals-reached = 没有剩余内容：目标已达成。
page-mark-done-button = 完成
page-mark-done-label = 将“{ $title }”标为已完成
page-key-next = 下一步：可以开始
page-show-next = 下一步主题
page-fit-readable = 整个路线图无法以可读的大小完整显示：已按最小可读缩放显示尽可能多的内容。
page-overview = 阶段
page-overview-help = 按阶段查看路线图：每个箭头上的数字是一个阶段对另一个阶段的前置要求数。选择一个阶段即可查看其中的主题。
page-fit-overview = 整个路线图无法以可读的大小完整显示：改为显示各阶段。选择一个阶段即可查看其中的主题。
page-plan-reached = 所有目标均已达成：{ $goals }。
page-plan-disagrees = 本页的计划与生成本页时 `roadmap plan` 给出的计划不一致。请报告此问题；在此之前请以 `roadmap plan` 为准。
page-choices = { $count } 个选择
page-choice = { $topic } 需要 { $options } 之一：{ $chosen }
page-choices-inexact = 未定的选择超过 16 个：按各自增加的学时逐个决定，再逐一调整直到单个改动无法减少总学时；可能存在学时更少的计划。
page-history = 进度变化
page-chart-planned = 计划：自 { $start } 起共 { $hours } 小时，{ $date } 完成
page-chart-actual = 实际：现在剩余 { $hours } 小时
page-chart-projected = 预计：{ $date } 完成
page-chart-today = 今天
page-chart-label = 每周剩余学时。计划：自 { $start } 至 { $planned }，共 { $hours } 小时。现在剩余 { $left } 小时，按此进度于 { $finish } 完成。
page-overall-plan = 剩余 { $left } / { $hours } 小时 · 已完成 { $percent }%
page-plan-summary = { $goals }：共 { $count } 个主题，剩余 { $hours } 小时
page-plan-pace = ；按每周 { $per_week } 小时，需 { $count } 周，{ $date } 完成。
page-plan-known-goals = 已掌握：{ $goals }。
page-week = 第 { $week } 周
page-weeks = 第 { $first }–{ $last } 周
page-stage-tally = { $done }/{ $total } · { $covered }/{ $hours } 小时
page-overall = { $done }/{ $total } 个主题 · { $covered }/{ $hours } 小时 · { $percent }%
page-toml-line = 第 { $line } 行：{ $reason }
page-toml-end-of-line = 此处应是行尾
page-toml-unknown-escape = 未知的转义 \{ $char }
page-toml-bad-escape = 转义写法有误
page-toml-unterminated = 字符串没有结束
page-toml-expected-key = 此处应是键名
page-toml-dotted = 进度文件不使用带点的键名
page-toml-expected-equals = 此处应是 `=`
page-toml-twice = `{ $key }` 出现了两次
page-toml-expected-comma = 此处应是 `,` 或 `{ "}" }`
page-toml-expected-value = 此处应是字符串、数字、日期或 { "{" } ... { "}" }
page-toml-expected-bracket = 此处应是 `]`
page-toml-table-twice = `[{ $name }]` 出现了两次
page-progress-unknown-key = 未知的键 `{ $key }`
page-progress-no-roadmap = 文件中没有 `roadmap = "..."` 这一行
page-progress-other = 它记录的是路线图“{ $other }”的进度，而不是“{ $roadmap }”的
page-progress-version = 本页面只读取版本 1 的进度文件
page-progress-topics-table = `topics` 必须是一个表
page-progress-entry = `{ $id }` 的条目必须写成 { "{" } state = ..., date = ... { "}" }
page-progress-entry-key = `{ $id }` 的条目中有未知的键 `{ $key }`
page-progress-state = `{ $id }` 的状态未知
page-progress-date = `{ $id }` 的条目需要 date = YYYY-MM-DD 形式的日期
page-large-hint = 此路线图有 { $count } 个主题，太多而无法完整绘制，这里显示的是各个阶段。搜索一个主题，或在“下一步”中选择一个，即可查看它需要什么、解锁什么。
page-neighbourhood-heading = “{ $title }”需要的主题（上方两层）和它解锁的主题（下方两层）。选择一个主题即可转到该主题。
page-neighbourhood-label = { $title } 的相邻主题
page-neighbourhood-more = 另有 { $count } 个

## plan --format ics

ics-name = { $goals } 的学习计划
ics-step = { $hours } 小时 · 第 { $number } 步，共 { $count } 步 · { $weeks ->
    [one] 第 { $first } 周
   *[other] 第 { $first }-{ $last } 周
}
error-ics-needs-pace = --format ics 需要学习节奏：请加上 --hours-per-week H（以及 --start DATE，否则从今天开始）
error-study-days-ics = --study-days 用于生成日历学习时段：请与 --format ics 一起使用

## search

search-none = 没有主题与 `{ $query }` 匹配。
search-hit = 匹配度 { $score }%，见于{ $fields }
search-field-id = id
search-field-title = 标题
search-field-translated-title = 译名
search-field-tags = 标签
search-field-summary = 简介
search-field-translated-summary = 译文简介
search-field-resources = 学习资源

## `check` 的检查结果（方括号中的类别名不随语言改变）

finding-syntax = TOML 语法错误：{ $detail }
finding-not-utf8 = 文件不是有效的 UTF-8 文本
label-not-utf8 = 这个字节不是 UTF-8
help-save-utf8 = 请把文件存为 UTF-8 编码
finding-unknown-key = { $what }中有未知的键 `{ $key }`
label-expected-keys = 可用的键：{ $keys }
finding-wrong-type = { $what }中的 `{ $key }` 必须是{ $expected }，实际是{ $found }
finding-not-a-table = 每个 `{ $key }` 都必须是表，实际是{ $found }
finding-missing-key = { $what }缺少必需的键 `{ $key }`
label-add-key = 请在这个表中加上 `{ $key } = ...`
finding-not-array-of-tables = `{ $key }` 必须是表数组，实际是{ $found }
help-array-of-tables = 请把每一项写在各自的 `[[{ $key }]]` 表头下
finding-roadmap-not-table = `roadmap` 必须是单个表，实际是{ $found }
help-roadmap-table = 请把路线图的标题和简介写在同一个 `[roadmap]` 表头下
finding-topic-kind = 主题的 `kind` 必须是 "topic" 或 "role"，实际是 "{ $name }"
finding-resource-kind = 资源的 `kind` 必须是 { $kinds } 之一，实际是 "{ $name }"
finding-no-roadmap-table = 路线图没有 `[roadmap]` 表
help-no-roadmap-table = 请在某个文件中加上 `[roadmap]`，写明 `title`（以及 `summary`）
finding-roadmap-twice = `[roadmap]` 出现了不止一次
label-given-again = 这里再次出现
label-first-given = 第一次出现在这里
help-roadmap-twice = 一个路线图只能有一个 `[roadmap]` 表，即使分成多个文件也是如此
finding-unknown-stage = 主题 `{ $topic }` 的阶段 `{ $stage }` 不存在
label-no-such-stage = 没有这个 id 的阶段
finding-negative-hours = 主题 `{ $topic }` 的学时是负数
label-negative-hours = 学时不能为负
finding-empty-one-of = 主题 `{ $topic }` 有一个空的 `one_of`
label-empty-one-of = 没有可选的备选项
help-empty-one-of = 请至少列出一个主题，或删除这一项
finding-self-reference = 主题 `{ $topic }` 在 `{ $key }` 中引用了自己
label-self-reference = 主题不能作为自己的先修
finding-unknown-topic = `{ $topic }` 的 `{ $key }` 中引用了不存在的主题 `{ $name }`
label-no-such-topic = 没有这个 id 的主题
finding-empty-id = { $what ->
    [topic] 主题
   *[stage] 阶段
} id 为空
finding-invalid-id = 无效的{ $what ->
    [topic] 主题
   *[stage] 阶段
} id `{ $id }`
help-id-characters = id 只能由字母、数字、`-`、`_`、`.` 和 `+` 组成，并以字母或数字开头
finding-duplicate-id = 重复的{ $what ->
    [topic] 主题
   *[stage] 阶段
} id `{ $id }`
label-defined-again = 这里再次定义
label-first-defined = 第一次定义在这里
help-duplicate-id = { $what ->
    [topic] 主题
   *[stage] 阶段
} id 在整个路线图中必须唯一
finding-cycle = 先修关系形成了环：{ $cycle }
label-cycle = `{ $topic }` 在这里依赖 `{ $needs }`
help-cycle = 主题不能直接或间接地依赖自己：请删除其中一个引用
finding-empty-stage = 阶段 `{ $stage }` 中没有主题
help-empty-stage = 请给它添加主题，或删除这个阶段
finding-missing-hours = 主题 `{ $topic }` 没有 `hours`
help-missing-hours = 请加上估计学时，例如 `hours = 10`，以便计划统计总时长和排期
finding-recommends-required = 主题 `{ $topic }` 推荐先学 `{ $name }`，但它已经是必修先修
label-required-already = 已经是必修先修
help-recommends-required = 请把它从 `recommends` 中删除
finding-redundant = `{ $topic }` 的先修 `{ $name }` 是多余的
label-listed-twice = `{ $name }` 列出了两次
label-already-required-by = `{ $by }` 已经以 `{ $name }` 为先修
help-redundant = 请删除它：图中会把它画两次，而计划本来就会包含它

## 进度文件的检查结果

finding-progress-not-utf8 = 进度文件不是 UTF-8 文本
finding-progress-unknown-key = 进度文件中有未知的键 `{ $key }`
finding-progress-roadmap-type = `roadmap` 必须是字符串，实际是{ $found }
finding-progress-no-roadmap = 进度文件中没有 `roadmap = "..."` 这一行
finding-progress-version = 这个版本的 roadmap 只读取版本 { $version } 的进度文件
help-progress-version = 这个文件由更新版本的 roadmap 写成：请先升级再修改它
finding-progress-topics-type = `topics` 必须是 `id = { "{" } state = ..., date = ... { "}" }` 形式的表
finding-progress-entry-type = `{ $id }` 的条目必须写成 `{ "{" } state = ..., date = ... { "}" }`
finding-progress-entry-key = `{ $id }` 的条目中有未知的键 `{ $key }`
finding-progress-state = `{ $id }` 的状态 "{ $state }" 未知
label-progress-states = 应为 done、learning 或 skipped
finding-progress-no-state = `{ $id }` 的条目没有 `state`
finding-progress-date = `{ $id }` 的条目需要 `date = YYYY-MM-DD` 形式的日期

## 检查结果中的用语：表、期望的值、TOML 类型

phrase-roadmap-table = [roadmap] 表
phrase-a-stage = 阶段
phrase-a-topic = 主题
phrase-a-resource = 资源
phrase-a-requires-entry = `requires` 的一项
phrase-a-translation = 译文
phrase-the-roadmap-file = 路线图文件
phrase-a-string = 字符串
phrase-a-boolean = 布尔值（`true` 或 `false`）
phrase-a-finite-number = 有限数值
phrase-a-table-of-languages = 以语言代码为键的表
phrase-a-translation-table = 表（`title`、`summary`）
phrase-an-array-of-strings = 字符串数组
phrase-an-array-of-requirements = 由主题 id 和 `{ "{" } one_of = [...] { "}" }` 表组成的数组
phrase-type-string = 字符串
phrase-type-integer = 整数
phrase-type-float = 浮点数
phrase-type-boolean = 布尔值
phrase-type-datetime = 日期时间
phrase-type-array = 数组
phrase-type-table = 表
