# 简体中文界面：`roadmap` 向用户显示的全部文字。消息 id 与 en.ftl 一一对应。

## 通用

level-error = 错误
level-warning = 警告
level-help = 提示
level-note = 注意
help-did-you-mean = 你是不是想输入 `{ $name }`？
topics-count = { $count } 个主题

finding-invalid-lang = 资源的 `lang` 必须是语言代码，实际为“{ $code }”
help-invalid-lang = 请写一个语言部分为 ISO 639 代码的 BCP 47 标签，例如 `zh`、`en` 或 `zh-Hans`
lang-unknown-code = 没有哪种 ISO 639 语言使用这个代码
lang-not-well-formed = 不是格式正确的 BCP 47 语言标签

## 错误

error-read = 无法读取 `{ $path }`：{ $reason }
error-no-roadmap-files = `{ $path }` 中没有路线图：其中没有 .toml 文件
error-symlink-loop = `{ $path }` 是指回 `{ $ancestor }` 的符号链接循环
error-too-large = `{ $path }` 太大：一个路线图的所有文件合计最多 512 MiB 的 TOML
error-progress-too-large = `{ $path }` 太大，不能作为进度文件（最多 8 MiB，约 15 万个已标记的主题）；未作任何改动
error-invalid = 路线图无效
error-invalid-summary = 路线图无效（{ $summary }），未执行其他操作
error-bad-progress = 进度文件无效，未作任何改动
error-unknown-topic = 此路线图中没有主题 `{ $name }`
error-write = 无法写入 `{ $path }`：{ $reason }
error-graphviz-missing = 未安装 Graphviz：在 PATH 中找不到 `dot`
    .help = 请安装（Debian/Ubuntu：`apt-get install graphviz`，macOS：`brew install graphviz`），或用 `roadmap export --format dot` 导出后在别处排版
error-graphviz = Graphviz 出错：{ $reason }
error-output = 无法写出输出：{ $reason }

error-unknown-topic-suggest = 此路线图中没有主题 `{ $name }`
    .help = 你是不是想输入 `{ $suggestion }`？
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
