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
help-invalid-lang = write a BCP 47 tag whose language is an ISO 639 code, such as `zh`, `en` or `zh-Hans`
lang-unknown-code = no ISO 639 language has this code
lang-not-well-formed = not a well-formed BCP 47 language tag

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
error-write = cannot write `{ $path }`: { $reason }
error-graphviz-missing = Graphviz is not installed: `dot` was not found on PATH
    .help = install it (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`), or use `roadmap export --format dot` and lay the file out elsewhere
error-graphviz = Graphviz failed: { $reason }
error-output = cannot write output: { $reason }

error-unknown-topic-suggest = no topic `{ $name }` in this roadmap
    .help = did you mean `{ $suggestion }`?
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
