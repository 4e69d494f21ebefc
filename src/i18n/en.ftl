# The interface in English: every text `roadmap` shows a person. Message ids are grouped by
# command; `$name` variables are filled in by the code (see src/i18n.rs). To add a language, copy
# this file to `<code>.ftl`, translate every message, and list it in `CATALOGUES`.

## Shared words

level-error = error
level-warning = warning
level-help = help
level-note = note
help-did-you-mean = did you mean `{ $name }`?
topics-count = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}

finding-invalid-lang = `lang` of a resource must be a language code, found "{ $code }"
finding-invalid-i18n-lang = a language of `i18n` must be a language code, found "{ $code }"
help-invalid-lang = write a BCP 47 tag whose language is an ISO 639 code, such as `zh`, `en` or `zh-Hans`
lang-unknown-code = no ISO 639 language has this code
lang-not-well-formed = not a well-formed BCP 47 language tag

lang-not-in-roadmap = this roadmap has no titles or summaries in `{ $lang }` (it has { $has }): they stay in its own language
lang-not-in-roadmap-none = this roadmap has no titles or summaries in `{ $lang }`, nor in any language but its own
progress-unknown-entries = the progress file keeps { $count ->
    [one] { $count } entry
   *[other] { $count } entries
} for topics this roadmap does not have: { $ids } (left as they are)

## Errors

error-read = cannot read `{ $path }`: { $reason }
error-no-roadmap-files = `{ $path }` holds no roadmap: there is no .toml file in it
error-symlink-loop = `{ $path }` is a symbolic link loop back to `{ $ancestor }`
error-too-large = `{ $path }` is too large: a roadmap may hold at most 512 MiB of TOML, all files together
error-progress-too-large = `{ $path }` is too large for a progress file (at most 8 MiB, about 150,000 marked topics); it was left unchanged
error-invalid = the roadmap is invalid
error-invalid-summary = the roadmap is invalid ({ $summary }); nothing else was done
error-bad-progress = the progress file is not valid; it was left unchanged
error-unknown-topic = no topic `{ $name }` in this roadmap
plan-too-many-weeks = at { $pace } h a week, the plan's { $hours } h take more than { $max } weeks
    .help = raise --hours-per-week, or plan toward nearer goals
error-empty-name = { $given } names no topic
    .help = give topic ids or titles, separated by commas or spaces
error-write = cannot write `{ $path }`: { $reason }
error-graphviz-missing = Graphviz is not installed: `dot` was not found on PATH
    .help = install it (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`), or use `roadmap export --format dot` and lay the file out elsewhere
error-graphviz = Graphviz failed: { $reason }
error-graphviz-timeout = Graphviz did not finish the layout within { $seconds } s and was stopped; nothing was written
    .help = draw less (`--overview`, `--stage STAGE` or goals), or allow longer with `--timeout SECS` (0: no limit)
error-output = cannot write output: { $reason }

error-unknown-topic-suggest = no topic `{ $name }` in this roadmap
    .help = did you mean `{ $suggestion }`?
error-unknown-topic-search = no topic `{ $name }` in this roadmap
    .help = topics that match `{ $name }`: { $matches }
error-unknown-topic-suggest-search = no topic `{ $name }` in this roadmap
    .help = did you mean `{ $suggestion }`? Topics that match: { $matches }
error-unknown-stage = no stage `{ $name }` in this roadmap
    .help = did you mean `{ $suggestion }`?
error-unknown-stage-list = no stage `{ $name }` in this roadmap
    .help = stages: { $stages }
error-no-data-dir = cannot find the user's data directory: pass --progress FILE
error-bad-today = ROADMAP_TODAY is `{ $value }`, not a date like 2026-11-26

## check

check-summary = { $topics ->
    [one] { $topics } topic
   *[other] { $topics } topics
}, { $edges ->
    [one] { $edges } prerequisite
   *[other] { $edges } prerequisites
}, { $stages ->
    [one] { $stages } stage
   *[other] { $stages } stages
}: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}

## Topics, lists and trees

kind-topic = topic
kind-role = role
list-total-topics = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}, { $hours } h
list-total-roles = { $count ->
    [one] { $count } role
   *[other] { $count } roles
}, { $hours } h
tree-one-of = one of:
tree-via-recommends = (recommended)
tree-via-one-of = (via one_of)
tree-levels = { $count ->
    [one] { $count } level
   *[other] { $count } levels
}
tree-seen-note = (*) shown above; --no-dedupe repeats it
tree-too-large = the tree of `{ $topic }` with every shared subtree repeated has more than { $limit } lines
    .help = drop --no-dedupe to show each subtree once (marked (*) where it comes again), or limit it with --depth

## show

show-stage = stage
show-kind = kind
show-hours = hours
show-tags = tags
show-not-estimated = not estimated
show-requires = Requires
show-recommends = Recommends
show-unlocks = Unlocks
show-resources = Resources
show-resource-paid = paid
show-nothing = nothing
show-via-one-of = (one of its alternatives)

## next and path

next-nothing-goals-known = Nothing to start: every goal is known already.
next-nothing-all-known = Nothing to start: everything is known already.
next-unlocks = unlocks { $count }
path-none = `{ $from }` is not a prerequisite of `{ $to }`
path-same-topic = `{ $from }` is not a prerequisite of `{ $to }` (they are the same topic)
path-steps = { $number }. { $count ->
    [one] { $count } step
   *[other] { $count } steps
}

## init, render, progress

init-wrote = Wrote { $count ->
    [one] { $count } file
   *[other] { $count } files
} to { $dir }
init-next = Next: roadmap --roadmap { $dir } check  (or set ROADMAP_PATH={ $dir })
init-refuse-overwrite = refusing to overwrite { $files }
    .help = choose another directory, or move the files away first
output-is-roadmap = refusing to write over `{ $path }`: it is a file of the roadmap being read
    .help = choose another output file
init-not-a-directory = `{ $dir }` is a file, not a directory
    .help = choose another directory
render-unknown-format = cannot tell the image format from `{ $path }`: name the file .svg, .png or .pdf, or pass --format
progress-other-roadmap = `{ $path }` holds progress for the roadmap "{ $other }", not for "{ $roadmap }"
    .help = pass --progress with this roadmap's own file (or a new one)

## assess

assess-intro = Placement for { $goals }: { $count ->
    [one] { $count } topic
   *[other] { $count } topics
} in the plan. Answer y (yes), n (no), ? (not sure), or q to stop here.
assess-progress = Question { $number } · { $open } open
assess-question = Do you know { $title }?
assess-question-again = Once more: do you know { $title }?
assess-needs = It builds on: { $topics }
assess-resource = For example: { $title }
assess-answer-invalid = answer y (yes), n (no), ? (not sure) or q (stop here)
assess-choice = You know { $title }, which needs one of these: which do you know?
assess-choice-instead = { $title } can also build on one of these: do you know one?
assess-choice-none = none of these
assess-summary = What { $count ->
    [one] { $count } answer
   *[other] { $count } answers
} showed
assess-known = Known: { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}, { $hours } h
assess-unknown = To learn: { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}, { $hours } h
assess-unsure = Not sure ({ $count }, left unmarked): { $topics }
assess-open = Not asked ({ $count }, left unmarked): { $topics }
assess-confirm = Mark { $count ->
    [one] this topic
   *[other] these { $count } topics
} done in { $path }?
assess-marked = Marked { $count ->
    [one] { $count } topic
   *[other] { $count } topics
} done in { $path }
assess-not-marked = Nothing marked.
assess-dry-run = Nothing marked (--dry-run).
assess-nothing-known = Nothing found known: nothing to mark.
error-assess-bad-answer = line { $line } of the input is `{ $answer }`, not an answer: nothing was marked
    .help = answer each `? ID` line with y, n or ?
error-assess-bad-choice = line { $line } of the input is `{ $answer }`, not one of { $alternatives }: nothing was marked
    .help = answer a `? ID one-of ...` line with one of its ids, or n for none of them
error-assess-input-ended = the input ended after { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}, before the assessment was done: nothing was marked
    .help = answer every `?` line, or pass --max-questions N to stop after N questions

## Authoring lints (src/lint.rs)

lint-what-roadmap = the roadmap
lint-what-stage = stage `{ $id }`
lint-what-topic = topic `{ $id }`
lint-what-role = role `{ $id }`
lint-label-empty = empty
lint-label-blank = nothing but blanks
lint-empty-title = the title of { $what } is empty
lint-empty-title-help = write the name a learner sees
lint-empty-summary = the summary of { $what } is empty
lint-empty-summary-help = write one sentence on what it covers, or remove `summary`
lint-empty-resource-title = the title of a resource of { $what } is empty
lint-empty-resource-title-help = say what the resource is: a book's or a course's name
lint-not-web-url = the URL of a resource of { $what } is not an absolute http(s) URL
lint-not-web-url-help = write the full address, starting with `https://`: only such a URL opens from a diagram or the page
lint-url-no-scheme = no `https://` in front: not an absolute URL
lint-url-other-scheme = not an http(s) URL
lint-url-blank = a URL holds no blanks: write a space as %20
lint-url-no-host = no host after the scheme
lint-empty-role = role `{ $id }` requires nothing
lint-empty-role-label = a plan toward this role is empty
lint-empty-role-help = list the topics the role needs in `requires`
lint-zero-hours = topic `{ $id }` takes 0 hours
lint-zero-hours-label = plans count no time for it
lint-zero-hours-help = give a realistic estimate; a goal with nothing to study of its own is a role (`kind = "role"`)
lint-duplicate-alternative = `{ $name }` is listed twice in a `one_of` of `{ $id }`
lint-duplicate-alternative-label = listed again here
lint-duplicate-alternative-help = remove it: an alternative counts once
lint-single-alternative = a `one_of` of `{ $id }` has a single alternative
lint-single-alternative-label = no choice to make
lint-single-alternative-help = write it as a plain requirement: `"{ $name }"`

## diagrams (export, render)
diagram-or = or
diagram-legend = Legend
diagram-legend-topic = Topic
diagram-legend-hours = hours
diagram-legend-topic-text = a topic and the hours it takes
diagram-legend-requires = B requires A
diagram-legend-recommends = A is recommended before B
diagram-legend-one-of = C requires A or B
diagram-legend-stub = Topic
diagram-legend-stub-stage = (its stage)
diagram-legend-stub-text = a topic of another stage that this one needs
diagram-legend-role = Role
diagram-legend-goal = Goal
diagram-legend-learning = Learning
diagram-legend-known = Known
diagram-overview-topics = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
} · { $hours } h
diagram-overview-roles = { $count ->
    [one] { $count } role
   *[other] { $count } roles
}
diagram-overview-known = { $count } known
diagram-overview-requirements = { $count ->
    [one] { $count } requirement
   *[other] { $count } requirements
}
step-loading = Reading the roadmap
step-diagram = Building the diagram
step-page = Writing the page
step-layout = { $timeout ->
    [0] Laying out { $nodes } nodes and { $edges } edges with Graphviz
   *[other] Laying out { $nodes } nodes and { $edges } edges with Graphviz (at most { $timeout } s)
}
picture-overview-instead = the roadmap draws as { $nodes } nodes and { $edges } edges, more than Graphviz lays out in reasonable time ({ $max } nodes and edges in all): drawing the stage overview instead
    .help = `--full` draws every topic (it can take long: see `--timeout`); `--stage STAGE` or goals draw a part
render-font-missing = no installed font has every character of these titles (`{ $sample }`): the picture would show empty boxes for them
    .help = install a font that has them: `apt-get install fonts-noto-cjk` (Debian, Ubuntu) or `brew install --cask font-noto-sans-cjk-sc` (macOS); `fc-list :lang=zh` lists the Chinese fonts installed
diagram-hours = { $hours } h
diagram-no-hours = ? h
diagram-role = role
diagram-plan-title = Plan: { $goals }
diagram-stage-title = { $title }: { $stage }
## check --links (src/links.rs)

links-summary = links: { $urls ->
    [one] { $urls } URL
   *[other] { $urls } URLs
}, { $checked } checked ({ $cached } from the cache){ $skipped ->
    [0] {""}
   *[other] , { $skipped } not checked (--offline)
}: { $dead } dead, { $moved } moved
links-dead = dead link: { $url }
links-dead-help = replace it with a working address, or remove the resource
links-moved = `{ $url }` has moved to `{ $to }`
links-moved-help = write the new address: { $to }
links-status = answered { $status } { $reason }
links-status-tries = answered { $status } { $reason }, { $tries } tries
links-timeout = no answer within { $seconds } s
links-refused = connection refused
links-host-not-found = host not found
links-too-many-redirects = too many redirects
links-bad-url = not an address that can be fetched
links-failed = could not be fetched: { $error }

## Bare `roadmap`: the overview

welcome-stages = { $stages ->
    [one] { $stages } stage
   *[other] { $stages } stages
}, { $topics ->
    [one] { $topics } topic
   *[other] { $topics } topics
}, { $hours } h in all
welcome-topics = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}
welcome-goals = { $count ->
    [one] { $count } goal (a role), its plan from scratch
   *[other] { $count } goals (roles), each one's plan from scratch
}
welcome-no-roles = No topic is a role (`kind = "role"`): any topic can be a goal.
welcome-try = Try
welcome-try-plan = a study plan, week by week
welcome-try-show = what it is, what it needs, how to learn it
welcome-try-list = every topic, stage by stage
welcome-more = Every command: roadmap help. Another roadmap: roadmap --roadmap PATH.

## progress status

status-heading = Progress in { $roadmap }
status-heading-goals = Progress toward { $goals }
status-file = file: { $path }
status-overall = Overall
status-topics = topics
status-hours-left = Hours left
status-hours-left-all = { $hours } h in the whole roadmap
status-hours-left-of = { $left } of { $total } h
status-pace = Pace
status-pace-given = { $pace } h a week (--hours-per-week)
status-pace-measured = { $pace } h a week (topics marked done in the last 8 weeks: their hours divided by 8)
status-pace-unknown = unknown: mark topics done as you finish them, or pass --hours-per-week
status-finish = Finish
status-finish-date = finish { $date }
status-finish-at = { $date } at this pace
status-finish-never = not within any calendar at this pace
status-roles = Hours left per role
status-learning = Learning
progress-removed = Removed { $ids } (not in this roadmap)
progress-marked = { $state ->
    [reset] Reset { $count ->
        [one] { $count } topic
       *[other] { $count } topics
    }
   *[other] Marked { $count ->
        [one] { $count } topic
       *[other] { $count } topics
    } { $state }
}: { $ids }
progress-unchanged = Unchanged ({ $state ->
    [reset] not marked
   *[other] already { $state }
}): { $ids }
progress-one-of = one of (`{ $ids }`)
progress-and = {" and "}
progress-unmet = `{ $id }` requires { $missing }, not marked done (use --with-prereqs to mark them too)

## plan: text and Markdown

plan-for = Plan for { $goals }
plan-known = Known: { $ids }
plan-goal-known = `{ $id }` is known already: nothing to learn for it
plan-nothing = Nothing to learn: every goal is known already.
plan-learning = { $title } (learning)
plan-column-number = #
plan-column-topic = topic
plan-column-title = title
plan-column-hours = hours
plan-column-total = total
plan-column-weeks = weeks
plan-week = week { $week }
plan-weeks = weeks { $from }-{ $to }
plan-dates = {" "}({ $from } to { $to })
plan-choices = Choices
plan-choice = { $topic } needs one of { $alternatives }: { $chosen } ({ $reason })
plan-inexact = More than 16 open choices: made one at a time by the hours each adds, then changed while a single change lowered the total; a plan with fewer hours may exist.
plan-critical-path = Critical path { $hours } h: { $path }
plan-total = Total
plan-totals = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}, { $hours } h
plan-totals-pace = ; at { $pace } h a week: { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
}
plan-totals-dates = , { $from } to { $to }

## plan: choices

choice-known = known already
choice-preferred = preferred
choice-learning = being learned
choice-needed-by = already needed by { $id }
choice-goal = a goal of this plan
choice-cheapest = cheapest
choice-first-listed = first listed
choice-tie = as cheap as another
choice-adds = { $reason }: adds { $hours } h
choice-adds-others = { $reason }: adds { $hours } h; { $others }
choice-would-add = { $id } would add { $hours } h
choice-also = { $id } { $hours } h
list-separator = {", "}

## why

why-via-one-of = (one of { $alternatives }: { $reason })
why-known = `{ $id }` is known already (named with --known, or marked done or skipped), so no plan holds it
why-no-roles = this roadmap has no roles to look in: name the goals (`roadmap why TOPIC GOAL...`)
why-absent-roles = no role's plan holds `{ $id }`: { $why }
why-absent-goals = the plan for { $goals } does not hold `{ $id }`: { $why }
why-takes-instead = `{ $owner }` takes `{ $chosen }` instead (one of { $alternatives }: { $reason })
why-only-alternatives = it is needed only through alternatives the plan does not take
why-only-known = only topics known already lead to it
why-not-needed = nothing the goals need requires it

## lsp (src/lsp/)

error-protocol = the language client broke the protocol: { $reason }
lsp-fix-replace = Replace with `{ $name }`
lsp-rename-nothing = there is no topic or stage id here to rename
lsp-rename-invalid = `{ $name }` cannot be an id: use letters, digits, `-`, `_`, `.` and `+`, starting with a letter or digit
lsp-rename-taken-topic = there is a topic `{ $name }` already
lsp-rename-taken-stage = there is a stage `{ $name }` already
lsp-needs-stdio = the language server runs only as `roadmap lsp`, on standard input and output

## The HTML page (ids `page-*` are embedded in the page; its script formats them)

page-skip-to-search = Skip to search
page-export = Export progress
page-import = Import progress
page-sidebar-label = Search, plan and progress
page-search-label = Search topics
page-search-placeholder = Id, title, word…
page-plan = Your plan
page-progress-by-stage = Progress by stage
page-key = Key
page-key-done = Done
page-key-learning = Learning
page-key-skipped = Skipped or known
page-key-plan = In the plan
page-key-goal = Goal
page-key-role = Role
page-key-help = Click a topic, or Tab to it and press Enter. Drag or scroll to move around; Ctrl + wheel or the buttons zoom.
page-graph-label = Roadmap graph
page-zoom = Zoom
page-zoom-out = Zoom out
page-zoom-in = Zoom in
page-fit = Fit
page-close-details = Close details
page-my-progress = My progress
page-mark-none = Not started
page-mark-learning = Learning
page-mark-done = Done
page-mark-skipped = Skipped
page-known-given = Given as known when this page was made (--known).
page-resources = Resources
page-prerequisites = Prerequisites
page-unlocks = Unlocks
page-noscript = The graph works without JavaScript; details, search and progress marks need it.
page-state-done = done
page-state-learning = learning
page-state-skipped = skipped
page-state-known = known
page-role = role
page-goal = goal
page-in-plan = in the plan
page-paid = paid
page-not-web-link = : { $url } (not a web link)
page-one-of = One of:
page-or = or
page-recommended = (recommended)
page-recommends-it = (recommends it)
page-no-requires = None: a place to start.
page-nothing-requires = Nothing requires it.
page-storage-off = Marks cannot be saved in this browser (storage is off): export them to keep them.
page-marked = Marked “{ $title }” { $state }.
page-cleared = Cleared the mark of “{ $title }”.
page-exported = Exported { $count ->
    [one] { $count } mark
   *[other] { $count } marks
} as { $file }.
page-imported = Imported { $count ->
    [one] { $count } mark
   *[other] { $count } marks
} from { $file }.
page-import-failed = Cannot import { $file }: { $reason }.
page-search-count = { $count ->
    [one] { $count } topic matches
   *[other] { $count } topics match
}
page-search-help = Press / to search from anywhere; Enter opens the best match. Searches ids, titles, summaries, tags, translations and resources.
page-found-in = in { $fields }
page-field-tag = tags
page-field-summary = summary
page-field-resource = resources
page-next-up = Next up
page-next-help = Topics you can start now: everything they need is done.
page-next-more = and { $count } more
page-next-nothing = Nothing to start: every topic is done.
page-next-goals-reached = Nothing left: the goals are reached.
page-mark-done-button = Done
page-mark-done-label = Mark “{ $title }” done
page-key-next = Next up: ready to start
page-show-next = Next topics
page-fit-readable = The whole roadmap does not fit at a readable size: showing as much as fits at the smallest readable zoom.
page-overview = Stages
page-overview-help = The roadmap stage by stage: each arrow counts the requirements from one stage to another. Choose a stage to see its topics.
page-fit-overview = The whole roadmap does not fit at a readable size: showing the stages instead. Choose one to see its topics.
page-plan-reached = All goals reached: { $goals }.
page-plan-disagrees = This page’s plan differs from the one `roadmap plan` made when the page was written. Please report it; until then, trust `roadmap plan`.
page-choices = { $count ->
    [one] { $count } choice
   *[other] { $count } choices
}
page-choice = { $topic } needs one of { $options }: { $chosen }
page-choices-inexact = More than 16 open choices: made one at a time by the hours each adds, then changed while a single change lowered the total; a plan with fewer hours may exist.
page-history = Progress over time
page-chart-planned = Planned: { $hours } h from { $start }, done by { $date }
page-chart-actual = Actual: { $hours } h left now
page-chart-projected = Projected: done by { $date }
page-chart-today = today
page-chart-label = Hours left per week. Planned: { $hours } h from { $start } to { $planned }. Left now: { $left } h, done by { $finish } at this pace.
page-overall-plan = { $left } h of { $hours } h left · { $percent }% done
page-plan-summary = For { $goals }: { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}, { $hours } h left
page-plan-pace = ; at { $per_week } h a week, { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}: done by { $date }.
page-plan-known-goals = Known already: { $goals }.
page-week = Week { $week }
page-weeks = Weeks { $first }–{ $last }
page-stage-tally = { $done }/{ $total } · { $covered }/{ $hours } h
page-overall = { $done }/{ $total } topics · { $covered }/{ $hours } h · { $percent }%
page-toml-line = line { $line }: { $reason }
page-toml-end-of-line = expected the end of the line
page-toml-unknown-escape = unknown escape \{ $char }
page-toml-bad-escape = bad escape
page-toml-unterminated = unterminated string
page-toml-expected-key = expected a key
page-toml-dotted = dotted keys are not used in progress files
page-toml-expected-equals = expected `=`
page-toml-twice = `{ $key }` is given twice
page-toml-expected-comma = expected `,` or `{ "}" }`
page-toml-expected-value = expected a string, a number, a date or { "{" } ... { "}" }
page-toml-expected-bracket = expected `]`
page-toml-table-twice = `[{ $name }]` is given twice
page-progress-unknown-key = unknown key `{ $key }`
page-progress-no-roadmap = the file has no `roadmap = "..."` line
page-progress-other = it holds progress for the roadmap “{ $other }”, not for “{ $roadmap }”
page-progress-version = this page reads progress files of version 1
page-progress-topics-table = `topics` must be a table
page-progress-entry = the entry for `{ $id }` must be { "{" } state = ..., date = ... { "}" }
page-progress-entry-key = unknown key `{ $key }` in the entry for `{ $id }`
page-progress-state = unknown state for `{ $id }`
page-progress-date = the entry for `{ $id }` needs a date = YYYY-MM-DD
page-large-hint = This roadmap has { $count } topics, too many to draw whole: here are its stages. Search for a topic, or choose one under Next up, to see what it needs and what it unlocks.
page-neighbourhood-heading = What “{ $title }” needs (above, two levels) and what it unlocks (below). Choose a topic to go there.
page-neighbourhood-label = The neighbourhood of { $title }
page-neighbourhood-more = { $count } more

## plan --format ics

ics-name = Plan for { $goals }
ics-step = { $hours } h · step { $number } of { $count } · { $weeks ->
    [one] week { $first }
   *[other] weeks { $first }-{ $last }
}
error-ics-needs-pace = --format ics needs a pace: add --hours-per-week H (and --start DATE, else weeks start today)
error-study-days-ics = --study-days makes calendar sessions: use it with --format ics

## search

search-none = No topic matches `{ $query }`.
search-hit = { $score }% in { $fields }
search-field-id = id
search-field-title = title
search-field-translated-title = translated title
search-field-tags = tags
search-field-summary = summary
search-field-translated-summary = translated summary
search-field-resources = resources

## Findings of `check` (their kinds, in brackets, never change with the language)

finding-syntax = invalid TOML: { $detail }
finding-not-utf8 = the file is not valid UTF-8 text
label-not-utf8 = this byte is not UTF-8
help-save-utf8 = save the file as UTF-8
finding-unknown-key = unknown key `{ $key }` in { $what }
label-expected-keys = expected one of: { $keys }
finding-wrong-type = `{ $key }` in { $what } must be { $expected }, found { $found }
finding-not-a-table = each `{ $key }` must be a table, found { $found }
finding-missing-key = { $what } is missing the required key `{ $key }`
label-add-key = add `{ $key } = ...` to this table
finding-not-array-of-tables = `{ $key }` must be an array of tables, found { $found }
help-array-of-tables = declare each one under its own `[[{ $key }]]` header
finding-roadmap-not-table = `roadmap` must be a single table, found { $found }
help-roadmap-table = write the roadmap's title and summary under one `[roadmap]` header
finding-topic-kind = `kind` of a topic must be "topic" or "role", found "{ $name }"
finding-resource-kind = `kind` of a resource must be one of { $kinds }, found "{ $name }"
finding-no-roadmap-table = the roadmap has no `[roadmap]` table
help-no-roadmap-table = add `[roadmap]` with a `title` (and a `summary`) to one of its files
finding-roadmap-twice = `[roadmap]` is given more than once
label-given-again = given again here
label-first-given = first given here
help-roadmap-twice = a roadmap has exactly one `[roadmap]` table, even across files
finding-unknown-stage = unknown stage `{ $stage }` for topic `{ $topic }`
label-no-such-stage = no stage has this id
finding-negative-hours = topic `{ $topic }` has negative hours
label-negative-hours = hours cannot be negative
finding-empty-one-of = topic `{ $topic }` has an empty `one_of`
label-empty-one-of = no alternative to choose from
help-empty-one-of = list at least one topic, or remove the entry
finding-self-reference = topic `{ $topic }` names itself in `{ $key }`
label-self-reference = a topic cannot be its own prerequisite
finding-unknown-topic = unknown topic `{ $name }` in `{ $key }` of `{ $topic }`
label-no-such-topic = no topic has this id
finding-empty-id = { $what } id is empty
finding-invalid-id = invalid { $what } id `{ $id }`
help-id-characters = ids use letters, digits, `-`, `_`, `.` and `+`, and start with a letter or digit
finding-duplicate-id = duplicate { $what } id `{ $id }`
label-defined-again = defined again here
label-first-defined = first defined here
help-duplicate-id = { $what } ids must be unique across the whole roadmap
finding-cycle = requirement cycle: { $cycle }
label-cycle = `{ $topic }` needs `{ $needs }` here
help-cycle = a topic cannot depend, even indirectly, on itself: remove one of these references
finding-empty-stage = stage `{ $stage }` has no topics
help-empty-stage = add topics to it, or remove it
finding-missing-hours = topic `{ $topic }` has no `hours`
help-missing-hours = add an estimate such as `hours = 10`, so plans can total and schedule it
finding-recommends-required = topic `{ $topic }` recommends `{ $name }`, which it already requires
label-required-already = required already
help-recommends-required = remove it from `recommends`
finding-redundant = redundant requirement `{ $name }` of `{ $topic }`
label-listed-twice = `{ $name }` is listed twice
label-already-required-by = `{ $by }` already requires `{ $name }`
help-redundant = remove it: the diagram draws it twice and the plan already includes it

## Findings about a progress file

finding-progress-not-utf8 = the progress file is not UTF-8 text
finding-progress-unknown-key = unknown key `{ $key }` in a progress file
finding-progress-roadmap-type = `roadmap` must be a string, found { $found }
finding-progress-no-roadmap = the progress file has no `roadmap = "..."` line
finding-progress-version = this version of roadmap reads progress files of version { $version }
help-progress-version = a newer roadmap wrote this file: upgrade before changing it
finding-progress-topics-type = `topics` must be a table of `id = { "{" } state = ..., date = ... { "}" }`
finding-progress-entry-type = the entry for `{ $id }` must be `{ "{" } state = ..., date = ... { "}" }`
finding-progress-entry-key = unknown key `{ $key }` in the entry for `{ $id }`
finding-progress-state = unknown state "{ $state }" for `{ $id }`
label-progress-states = expected done, learning or skipped
finding-progress-no-state = the entry for `{ $id }` has no `state`
finding-progress-date = the entry for `{ $id }` needs a `date = YYYY-MM-DD`

## Parts of findings: tables, expected values, TOML types

phrase-roadmap-table = [roadmap]
phrase-a-stage = a stage
phrase-a-topic = a topic
phrase-a-resource = a resource
phrase-a-requires-entry = a `requires` entry
phrase-a-translation = a translation
phrase-the-roadmap-file = the roadmap file
phrase-a-string = a string
phrase-a-boolean = a boolean (`true` or `false`)
phrase-a-finite-number = a finite number
phrase-a-table-of-languages = a table of languages
phrase-a-translation-table = a table (`title`, `summary`)
phrase-an-array-of-strings = an array of strings
phrase-an-array-of-requirements = an array of topic ids and `{ "{" } one_of = [...] { "}" }` tables
phrase-type-string = string
phrase-type-integer = integer
phrase-type-float = float
phrase-type-boolean = boolean
phrase-type-datetime = datetime
phrase-type-array = array
phrase-type-table = table
