# ccr-desk，简体中文（zh-CN）。每条消息都与 en-US/ccr_desk.ftl 一一对应（tests/i18n.rs 检查），
# 术语见 ../GLOSSARY.md。中文使用全角标点，汉字之间不加空格，汉字与拉丁字母、数字之间加空格。


## Common: words every screen uses

common-cancel = 取消
common-close = 关闭
common-delete = 删除
common-save = 保存
common-create = 创建
common-retry = 重试
common-copy = 复制
top-bar-language-hint = 应用界面的语言。切换后立即生效，下次启动时保持不变。


## Screens: projects, repositories, artifacts
artifacts-empty = 本镜像仓库中还没有镜像。推送一个镜像后，它会显示在这里。
artifacts-load-error = 无法列出镜像
repositories-new = 创建镜像仓库…
repositories-empty = 此项目中还没有镜像仓库。推送一个镜像，或用“创建镜像仓库…”创建一个。
repositories-load-error = 无法列出镜像仓库
projects-new = 创建项目…
projects-empty = 还没有项目。用“创建项目…”创建一个。
projects-load-error = 无法列出项目
breadcrumb-projects = 项目
breadcrumb-tab-repositories = 镜像仓库
breadcrumb-tab-charts = chart 包
table-open = 打开
projects-heading = 项目
projects-column-name = 名称
projects-column-access = 访问级别
projects-column-storage = 已用存储
projects-column-created = 创建时间
projects-column-updated = 更新时间
projects-sort-hover = 对本页排序
projects-sort-hint = 仅本页按{ $column ->
        [name] 名称
        [access] 访问级别
        [storage] 已用存储
        [created] 创建时间
       *[updated] 更新时间
    }{ $order ->
        [ascending] 升序
       *[descending] 降序
    }排列；分页顺序由服务器决定
projects-open-hover = 打开项目的镜像仓库（右键查看更多操作）
projects-menu-delete = 删除项目…
projects-public = 公开
projects-private = 私有
projects-task-list = 列出项目
projects-task-create = 创建项目 { $name }
projects-task-delete = 删除项目 { $name }
projects-delete-title = 删除项目
projects-delete-consequence = 项目的设置和配额会一并删除；项目中仍有镜像仓库或 chart 包时，服务器会拒绝删除。
projects-delete-not-empty = 项目不是空的。请先删除其中的镜像仓库和 chart 包
projects-delete-not-empty-server = 项目不是空的。请先删除其中的镜像仓库和 chart 包（服务器消息：{ $message }）
projects-delete-request-id = { $problem } · 请求 ID { $request_id }
projects-create-title = 创建项目
projects-create-name = 项目名称
projects-create-name-hint = my-project
projects-create-public = 公开（任何人无需登录即可拉取）
projects-create-quota = 配额
projects-quota-unlimited = 无限制
projects-creating = 正在创建…
repositories-task-list = 列出项目 { $project } 的镜像仓库
repositories-task-detail = 获取镜像仓库 { $project }/{ $name }
repositories-task-create = 创建镜像仓库 { $name }
repositories-task-delete = 删除镜像仓库 { $project }/{ $name }
repositories-column-name = 名称
repositories-column-tags = 标签数
repositories-column-access = 访问级别
repositories-column-created = 创建时间
repositories-open-hover = 查看其中的镜像
repositories-menu-delete = 删除镜像仓库…
repositories-public = 公开
repositories-private = 私有
repositories-detail-title = 镜像仓库
repositories-copy-full-name-hover = 复制镜像仓库的完整名称
repositories-open-artifacts = 镜像 ▶
repositories-open-artifacts-hover = 查看镜像仓库中的镜像（Enter）
repositories-detail-load-error = 无法加载镜像仓库
repositories-fact-summary = 概要说明
repositories-fact-tags = 标签数
repositories-fact-access = 访问级别
repositories-fact-created = 创建时间
repositories-fact-detail = 详细说明
repositories-delete-title = 删除镜像仓库
repositories-delete-consequence = 其中的所有标签和镜像都会一并删除。
repositories-create-title = 在项目 { $project } 中创建镜像仓库
repositories-create-name = 镜像仓库名称
repositories-create-name-hint = team/app
repositories-create-summary = 概要说明
repositories-create-summary-hint = 用一句话介绍它
repositories-create-detail = 详细说明
repositories-creating = 正在创建…
artifacts-task-list = 列出镜像仓库 { $project }/{ $repository } 中的镜像
artifacts-task-delete = 删除镜像 { $project }/{ $repository }@{ $digest }
artifacts-column-digest = 摘要
artifacts-column-tags = 标签
artifacts-column-type = 类型
artifacts-column-size = 大小
artifacts-column-platforms = 平台
artifacts-column-pushed = 推送时间
artifacts-column-pulled = 拉取时间
artifacts-size-bytes = { $bytes } 字节
artifacts-child-platform-image = 子镜像
artifacts-child-unknown-platform = 未知
artifacts-expand-show-hover = 显示子镜像
artifacts-expand-hide-hover = 隐藏子镜像
artifacts-copy-digest-hover = 复制摘要
artifacts-menu-copy-digest = 复制摘要
artifacts-menu-delete = 删除镜像…
artifacts-menu-copy-pull-tag = 复制按标签 { $tag } 拉取的 { $program } 命令
artifacts-menu-copy-pull-digest = 复制按摘要拉取的 { $program } 命令
artifacts-tags-unreadable = 服务器的应答中没有说明哪些标签指向此镜像
artifacts-tags-unreadable-chip = 标签无法读取
artifacts-untagged = 无标签
artifacts-detail-title = 镜像
artifacts-detail-digest = 摘要
artifacts-detail-tags = 标签
artifacts-detail-tags-count = 标签（{ $count }）
artifacts-detail-no-tags = 没有标签指向此镜像
artifacts-fact-type = 类型
artifacts-fact-media-type = 媒体类型
artifacts-fact-manifest = Manifest 类型
artifacts-fact-size = 大小
artifacts-fact-author = 作者
artifacts-fact-created = 创建时间
artifacts-fact-platforms = 平台
artifacts-fact-pushed = 推送时间
artifacts-fact-pulled = 拉取时间
artifacts-fact-labels = 标记
artifacts-references = 子镜像（{ $count }）
artifacts-unknown-platform = 未知平台
artifacts-tag-column-tag = 标签
artifacts-tag-column-pushed = 推送时间
artifacts-tag-column-pulled = 拉取时间
artifacts-tag-immutable = 不可变
artifacts-tag-signed = 已签名
artifacts-tag-immutable-signed = 不可变、已签名
artifacts-pull-heading = 拉取命令
artifacts-pull-by = 按
artifacts-pull-by-digest = 摘要
artifacts-pull-by-tag = 标签 { $tag }
artifacts-copy-command = 复制命令
artifacts-copy-command-hover = 复制拉取命令
artifacts-pull-unsafe-host = 无法提供拉取命令：镜像仓库服务地址中含有镜像仓库服务不允许的字符，粘贴到 shell 中可能会执行其他命令
artifacts-pull-unsafe-project = 无法提供拉取命令：项目名称中含有镜像仓库服务不允许的字符，粘贴到 shell 中可能会执行其他命令
artifacts-pull-unsafe-repository = 无法提供拉取命令：镜像仓库名称中含有镜像仓库服务不允许的字符，粘贴到 shell 中可能会执行其他命令
artifacts-pull-unsafe-tag = 无法提供拉取命令：标签中含有镜像仓库服务不允许的字符，粘贴到 shell 中可能会执行其他命令
artifacts-pull-unsafe-digest = 无法提供拉取命令：摘要中含有镜像仓库服务不允许的字符，粘贴到 shell 中可能会执行其他命令
artifacts-delete-title = 删除镜像
artifacts-delete-tags-unknown = 无法从服务器的应答中读出它的标签，因此不知道哪些标签会一并删除。
artifacts-delete-no-tags = 没有标签指向它。
artifacts-delete-tags = 它的标签会一并删除：{ $tags }。
repositories-full-name-copied = 已复制镜像仓库的完整名称
artifacts-digest-copied = 已复制摘要
artifacts-pull-command-copied = 已复制 { $program } 拉取命令
projects-create-name-rule = 1 到 255 个字符：小写字母和数字，可用单个 . _ 或 - 分隔（不能在开头或结尾）
repositories-create-name-rule = 2 到 64 个字符：小写字母、数字和分隔符 . _ - /；分隔符不能在开头、结尾或连续出现（允许 sub1/sub2/repo）


## Screens: charts, account
charts-empty = 还没有 Helm chart 包。用“helm push”推送一个后，它会显示在这里。
charts-load-error = 无法列出 Helm chart 包
charts-heading = Helm chart 包
charts-task-list = 列出 chart 包
charts-task-list-project = 列出 chart 包（项目 { $project }）
charts-task-delete = 删除 chart 包 { $chart }
charts-next-page = 下一页 ▶
charts-page-line-hint = 服务器按页列出所有项目的 chart 包；此标签页在每一页中只显示本项目的 chart 包
charts-page-line-all = 第 { $page } 页（共 { $pages } 页）列出所有项目的 { $listed } 个 chart 包，{ $listed ->
        [1] 它
       *[other] 全部
    }属于 { $project }
charts-page-line-some = 第 { $page } 页（共 { $pages } 页）列出所有项目的 { $listed } 个 chart 包，其中 { $shown } 个属于 { $project }
charts-page-notice-next = { $listed ->
        [1] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上唯一的 chart 包不属于 { $project }
       *[other] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上的 { $listed } 个 chart 包都不属于 { $project }
    }。请前往下一页，或在过滤框中输入 chart 包名称的一部分，以便更快找到它。
charts-page-notice-earlier = { $listed ->
        [1] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上唯一的 chart 包不属于 { $project }
       *[other] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上的 { $listed } 个 chart 包都不属于 { $project }
    }。请查看前面的页，或在过滤框中输入 chart 包名称的一部分。
charts-page-notice-empty = { $listed ->
        [1] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上唯一的 chart 包不属于 { $project }
       *[other] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上的 { $listed } 个 chart 包都不属于 { $project }
    }。{ $project } 中没有 Helm chart 包。
charts-page-notice-filtered = { $listed ->
        [1] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上唯一的 chart 包不属于 { $project }
       *[other] 所有项目的 chart 包中，第 { $page } 页（共 { $pages } 页）上的 { $listed } 个 chart 包都不属于 { $project }
    }。{ $project } 中没有名称包含“{ $filter }”的 chart 包。
charts-detail-title = chart 包
charts-detail-copy-name-hint = 复制 chart 包的完整名称
charts-detail-project = 项目
charts-detail-latest = 最新版本
charts-detail-versions = 版本数
charts-detail-created = 创建时间
charts-detail-updated = 更新时间
charts-detail-download = 下载…
charts-detail-download-hint = 将 chart 包的一个版本保存为 .tgz 归档文件（Enter）
charts-detail-delete = 删除…
charts-detail-delete-hint = 删除此 chart 包及其所有版本（Delete）
charts-delete-title = 删除 chart 包
charts-delete-consequence = chart 包的所有版本将一并删除。
charts-delete-consequence-count = chart 包的所有版本（共 { $count } 个）将一并删除。
charts-column-name = 名称
charts-column-project = 项目
charts-column-latest = 最新版本
charts-column-versions = 版本数
charts-column-created = 创建时间
charts-column-updated = 更新时间
charts-project-link-hint = 显示项目 { $project } 的 chart 包
charts-menu-download = 下载…
charts-menu-delete = 删除 chart 包…
chart-download-task-check = 检查 { $chart } { $version }
chart-download-task-download = 下载 { $chart } { $version }
chart-download-save-dialog-title = 保存 chart 包归档文件
chart-download-title = 下载 chart 包
chart-download-title-transfer = 正在下载 chart 包
chart-download-title-done = chart 包已保存
chart-download-title-replace = 替换该文件？
chart-download-version = 版本
chart-download-version-missing = { $chart } 不存在版本 { $version }
chart-download-latest-note = 服务器只列出最新版本 { $latest }。如需其他版本，请输入该 chart 包已有的版本号。
chart-download-no-latest-note = 服务器未告知最新版本。请输入要下载的版本号。
chart-download-known-versions = 已知版本
chart-download-known-versions-hint = 最新版本，以及 ccr-desk 启动以来下载过或检查过的版本
chart-download-known-version-hint = 下载版本 { $version }
chart-download-download = 下载
chart-download-download-hint = 保存到上面输入的路径
chart-download-save-as = 另存为…
chart-download-save-as-hint = 选择 { $file } 的保存位置
chart-download-checking-version = 正在确认版本 { $version } 是否存在…
chart-download-waiting-dialog = 正在等待保存对话框…
chart-download-checking-path = 正在检查路径…
chart-download-no-file-chosen = 未选择文件：保存对话框已取消，或在此桌面环境中不可用。请输入保存路径，或再次点击“另存为…”。
chart-download-save-to = 保存到
chart-download-save-to-hint = /home/me/下载/chart.tgz
chart-download-path-empty = 请输入归档文件的保存位置
chart-download-path-not-absolute = 请输入完整路径，从根目录（/…）或驱动器（C:\…）开始
chart-download-path-ends-in-folder = 路径以文件夹结尾。请加上文件名。
chart-download-path-is-folder = { $path } 是一个文件夹。请在路径中加上文件名。
chart-download-path-no-folder = 文件夹 { $folder } 不存在。请选择一个已存在的文件夹。
chart-download-path-check-timeout = 检查路径用时过长。该文件夹是否位于无响应的网络驱动器上？
chart-download-path-check-stopped = 无法检查路径：检查意外中止。请重试。
chart-download-failed = 下载失败
chart-download-nothing-written = 未写入任何内容
chart-download-cancelled = 下载已取消，未写入任何内容
chart-download-exists = { $path } 已存在。
chart-download-replace-question = 用下载的归档文件替换它？下载完成之前，原文件保持不变。
chart-download-replace = 替换
chart-download-keep = 保留原文件
chart-download-to = 保存到 { $path }
chart-download-asking = 正在向服务器请求归档文件…
chart-download-progress = { $done } / { $total }（{ $percent }%）
chart-download-measuring = 正在测算速度…
chart-download-speed = { $speed }/s
chart-download-speed-left-instant = { $speed }/s · 剩余不到 1 秒
chart-download-speed-left-seconds = { $speed }/s · 剩余约 { $seconds } 秒
chart-download-speed-left-minutes = { $speed }/s · 剩余约 { $minutes } 分钟
chart-download-speed-left-hours = { $speed }/s · 剩余约 { $hours } 小时
chart-download-cancel-hint = 停止下载，不写入任何内容
chart-download-cancelling = 正在取消…
chart-saved-saved-to = 保存位置
chart-saved-copy-path-hint = 复制文件路径
chart-saved-size = 大小
chart-saved-size-value = { $size }（{ $bytes } 字节）
chart-saved-inspect-failed = 文件已保存，但无法显示其内容
chart-saved-inspect-timeout = 读取归档文件用时过长
chart-saved-inspect-stopped = 读取归档文件时意外中止
chart-saved-reading = 正在读取归档文件…
chart-saved-name = 名称
chart-saved-version = 版本
chart-saved-app-version = 应用版本
chart-saved-description = 描述
chart-saved-version-mismatch = Chart.yaml 中的版本是 { $found }，而不是请求的 { $asked }
chart-saved-values-truncated = 仅显示前 { $shown }（共 { $full }）
chart-saved-values-not-reached = 在归档文件的前 { $limit } 中没有找到 values.yaml，因此不显示
chart-saved-no-values = 该 chart 包没有 values.yaml
account-heading = 访问凭证密码
account-intro = 设置或重置用户登录镜像仓库服务所用的密码。管理员可以设置任何用户的密码，其他用户只能设置自己的密码。
account-username = 用户名
account-username-hint = 用户名
account-new-password = 新密码
account-new-password-hint = { $min } 到 { $max } 个字符，至少包含一个大写字母、一个小写字母和一个数字
account-confirm-password = 确认密码
account-show = 显示
account-show-hint = 显示或隐藏两个密码
account-change = 重置密码
account-changing = 正在重置…
account-task-change = 重置访问凭证密码
account-rules-heading = 新密码需要满足
account-rule-length = { $min } 到 { $max } 个字符
account-rule-upper = 至少一个大写字母
account-rule-lower = 至少一个小写字母
account-rule-digit = 至少一个数字
account-rule-match = 两次输入的密码一致
account-changed-toast = 已重置 { $username } 的密码
account-not-changed = { $username } 的密码未重置
account-changed = { $username } 的密码已重置
account-other-unchanged = 你自己的连接未受影响，系统密钥环中也未保存任何内容
account-elsewhere = 应用在此期间已切换到另一个连接，因此新密码尚未启用：应用要求输入密码时，请输入新密码。
account-own-pending = 本次会话已在使用新密码，旧密码已从系统密钥环中删除。是否将新密码保存到系统密钥环？
account-own-no-keyring = 没有可用的系统密钥环：新密码仅用于本次会话，下次启动时需要重新输入
account-save-and-use = 保存到系统密钥环并使用
account-session-only = 仅用于本次会话
account-own-saved = 新密码已在使用，并已保存到系统密钥环
account-own-session-only = 新密码仅用于本次会话：不会被保存，下次启动时需要重新输入
password-dialog-title = 需要密码
password-dialog-title-token = 需要令牌
password-dialog-target = { $profile } · { $endpoint } 上的 { $username }
password-dialog-password = 密码
password-dialog-token = 令牌
password-dialog-save-password = 将密码保存到系统密钥环
password-dialog-save-token = 将令牌保存到系统密钥环
password-dialog-no-keyring = 没有可用的系统密钥环：密码仅在本次会话中保留
password-dialog-no-keyring-token = 没有可用的系统密钥环：令牌仅在本次会话中保留
password-dialog-connect = 连接
password-dialog-connecting = 正在连接…
charts-detail-name-copied = 已复制 chart 包的完整名称
chart-saved-path-copied = 已复制路径


## App, profiles, panels, widgets
list-filter = 过滤
list-filter-hint = 名称包含…
list-delete = 删除…
list-select-first-project = 请先选择一个项目
list-select-first-repository = 请先选择一个镜像仓库
list-select-first-artifact = 请先选择一个镜像
list-select-first-chart = 请先选择一个 chart 包
list-no-match-projects = 没有名称包含“{ $filter }”的项目
list-no-match-repositories = 没有名称包含“{ $filter }”的镜像仓库
list-no-match-artifacts = 没有名称包含“{ $filter }”的镜像
list-no-match-charts = 没有名称包含“{ $filter }”的 chart 包
list-loading-projects = 正在加载项目…
list-loading-repositories = 正在加载镜像仓库…
list-loading-artifacts = 正在加载镜像…
list-loading-charts = 正在加载 chart 包…
list-count-projects = { $total } 个项目
list-count-repositories = { $total } 个镜像仓库
list-count-artifacts = { $total } 个镜像
list-count-charts = { $total } 个 chart 包
pager-position-projects = 第 { $page } 页，共 { $pages } 页，{ $total } 个项目
pager-position-repositories = 第 { $page } 页，共 { $pages } 页，{ $total } 个镜像仓库
pager-position-artifacts = 第 { $page } 页，共 { $pages } 页，{ $total } 个镜像
pager-position-charts = 第 { $page } 页，共 { $pages } 页，{ $total } 个 chart 包
pager-page = 第 { $page } 页
pager-first = ⏮ 首页
pager-first-hint = 第一页
pager-previous = ◀ 上一页
pager-next = 下一页 ▶
pager-last = 末页 ⏭
pager-last-hint = 最后一页
pager-per-page = 每页 { $size } 条
pager-page-size = 每页条数
session-work-check-connection = 检查连接
session-work-connecting = 正在连接 { $profile }
session-work-connect = 连接 { $profile }
session-work-start-sandbox = 正在启动本地沙箱
notice-profiles-unreadable = { $error }。连接配置暂为空；在文件可以读取之前，不会写入任何内容覆盖它：请修复文件后重新启动 ccr-desk
notice-sandbox-failed = 本地沙箱无法启动：{ $reason }
notice-sandbox-stopped = 本地沙箱在启动时意外停止。选择它的连接配置即可再次启动
notice-keyring-slow = 系统密钥环已 { $seconds } 秒没有响应。之后的密钥环写入会等待它完成；在此期间，密码在本次会话中保留
notice-keyring-save-failed = 在系统密钥环中保存密码失败：{ $problem }
notice-keyring-delete-failed = 从系统密钥环中移除密码失败：{ $problem }
notice-keyring-save-stopped = 在系统密钥环中保存密码失败：密钥环调用意外停止。密码在本次会话中保留
notice-keyring-delete-stopped = 从系统密钥环中移除密码失败：密钥环调用意外停止。请用密钥环自带的工具移除它
notice-save-failed = 保存连接配置失败：{ $problem }
notice-save-timed-out = 保存连接配置失败：未能按时完成。下次更改时会再次保存
notice-save-stopped = 保存连接配置失败：保存意外停止。下次更改时会再次保存
status-running = { $what }…
status-running-more = { $what }…（另有 { $more } 项）
status-idle = 空闲
status-no-request = 尚无请求
status-last-request-ok = 上次请求：{ $what } · 成功 · { $ms } ms
status-last-request-failed = 上次请求：{ $what } · 失败 · { $ms } ms
status-last-change-ok = 上次变更：{ $what } · 成功 · { $ms } ms
status-last-change-failed = 上次变更：{ $what } · 失败 · { $ms } ms
status-request-id = 请求 ID { $id }
status-copy-request-id = 复制请求 ID
status-no-keyring = 系统密钥环不可用：密码仅在本次会话中保留
notice-copied-request-id = 已复制请求 ID
top-bar-profile = 当前连接配置
top-bar-no-profile = 无连接配置
top-bar-manage-profiles = 管理连接配置…
top-bar-refresh = ⟳ 刷新
top-bar-refresh-hint = 重新加载此页面（F5）
top-bar-theme-system-hint = 跟随系统的浅色或深色主题
top-bar-theme-dark-hint = 使用深色主题
top-bar-theme-light-hint = 使用浅色主题
top-bar-unreachable = 无法访问服务器
top-bar-reconnecting = 正在重新连接…
top-bar-not-connected = 未连接
top-bar-connecting = 正在连接…
top-bar-connected = 已连接，用户 { $user } · { $ms } ms
app-sandbox-starting = 正在启动本地沙箱…
app-no-profile-in-use = 未使用任何连接配置
app-open-profiles = 打开连接配置
app-connecting = 正在连接…
app-notices-dismiss = 知道了
app-connect-failed-title = 无法使用“{ $profile }”连接
app-connect-failed-title-unnamed = 无法使用该连接配置连接
app-enter-password = 输入密码…
app-edit-profile = 编辑连接配置…
widget-insecure-short = 未校验证书
widget-insecure-why = 此连接配置接受无效证书：您与镜像仓库服务之间的任何人都可能读取密码和返回内容
widget-insecure-warning = 未校验证书。此连接配置接受无效证书：您与镜像仓库服务之间的任何人都可能读取密码和返回内容
widget-password-show = 显示
widget-error-code = 错误码 { $code }
widget-error-http = HTTP { $status }
widget-error-request-id = 请求 ID { $id }
widget-copy-request-id-hint = 复制请求 ID
widget-filter-clear = 清除
widget-detail-close-hint = 关闭详情
quota-used-unlimited = 已用 { $used } · 无限制
quota-unknown-used-unlimited = 已用未知 · 无限制
quota-used-no-quota = 已用 { $used } · 配额未知
quota-unknown-used-no-quota = 已用未知 · 配额未知
quota-used-of-limit = { $used } / { $limit }（{ $percent }%）
quota-unknown-used-of-limit = 已用未知，配额 { $limit }
quota-level-normal = 项目已用存储与配额
quota-level-warning = 项目的已用存储已达到配额的 70% 或以上
quota-level-danger = 项目的已用存储已达到配额的 90% 或以上
time-unknown = —
time-unknown-hint = 未知
time-unparsed-hint = 按服务器原样显示：ccr-desk 无法识别此时间格式
time-never = 从未
time-never-hint = 从未拉取
time-just-now = 刚刚
time-minutes-ago = { $count } 分钟前
time-hours-ago = { $count } 小时前
time-days-ago = { $count } 天前
time-months-ago = { $count } 个月前
time-years-ago = { $count } 年前
dialog-delete-will-be-deleted = “{ $name }”将被删除。
dialog-delete-cannot-undo = 此操作无法撤销
dialog-delete-type-to-confirm = 输入 { $name } 以确认
dialog-deleting = 正在删除…
session-sandbox-profile-name = 本地沙箱
app-window-title = ccr-desk — { $profile }
profiles-list-heading = 连接配置
profiles-list-empty = 还没有连接配置。请点击“添加连接配置”添加一个
profiles-list-add = 添加连接配置
profiles-list-delete-title = 删除连接配置
profiles-list-delete-consequence = 它的密码也会从系统密钥环中移除。
profiles-form-discard-title = 放弃更改？
profiles-form-discard-body = 对“{ $profile }”的更改尚未保存。
profiles-form-discard-body-new = 对新连接配置的更改尚未保存。
profiles-form-discard = 放弃更改
profiles-form-keep-editing = 继续编辑
profiles-form-ca-dialog-title = 选择 CA 证书（PEM）
profiles-form-keyring-in-use = 密码保存在系统密钥环中，从不写入连接配置文件
profiles-form-keyring-opening = 正在打开系统密钥环…
profiles-form-new-heading = 新建连接配置
profiles-form-edit-heading = 编辑连接配置
profiles-form-sandbox-note = 此镜像仓库服务由应用自己运行，其访问地址会自动保持最新
profiles-form-name = 连接配置名称
profiles-form-name-hint = 生产环境镜像仓库
profiles-form-endpoint = 访问地址（endpoint）
profiles-form-registry-address = 镜像仓库地址
profiles-form-registry-address-placeholder = 访问地址的主机
profiles-form-registry-address-hint = 拉取命令中的 host[:port]，用于镜像仓库不在访问地址所在主机的情况
profiles-form-instance-id = 实例 ID
profiles-form-username = 用户名
profiles-form-sign-in-with = 登录方式
profiles-form-auth-password = 密码
profiles-form-auth-password-hint = 使用用户名和密码进行 HTTP Basic 认证
profiles-form-auth-token = 令牌
profiles-form-auth-token-hint = 使用保存在系统密钥环中的令牌，以 Authorization: Bearer 方式认证
profiles-form-compatibility = 服务器兼容性
profiles-form-path-encoding = 路径中的多级名称
profiles-form-path-encoding-hint = 镜像仓库名称中的 / 如何发送：文档规定为 %2F，Harbor 需要 %252F
profiles-form-path-encoding-automatic = 自动
profiles-form-path-encoding-single = 单次编码（%2F）
profiles-form-path-encoding-double = 双重编码（%252F）
profiles-form-password = 密码
profiles-form-token = 令牌
profiles-form-token-note-new = 令牌与密码一样保存在系统密钥环中，从不写入连接配置文件
profiles-form-token-note-keep = 留空则保留已保存的令牌
profiles-form-password-note-session = 仅在本次会话中保留（无系统密钥环）
profiles-form-password-note-new = 保存连接配置时，密码会保存到系统密钥环
profiles-form-password-note-keep-session = 留空则保留本次会话的密码
profiles-form-password-note-keep = 留空则保留已保存的密码
profiles-form-tls = TLS 与超时
profiles-form-ca-file = CA 文件
profiles-form-ca-file-hint = 仅使用系统证书
profiles-form-ca-choose = 选择…
profiles-form-accept-invalid = 接受无效证书（不安全）
profiles-form-accept-invalid-hint = 您与镜像仓库服务之间的任何人都可能读取密码
profiles-form-connect-timeout = 连接超时（秒）
profiles-form-read-timeout = 读取超时（秒）
profiles-form-request-deadline = 请求时限（秒）
profiles-form-request-deadline-hint = 一个请求从开始到收到完整返回内容所允许的最长时间（下载除外）
profiles-form-saved = 已保存
profiles-form-test = 测试连接
profiles-form-test-waiting-keyring = 正在等待系统密钥环打开
profiles-form-connect = 连接
profiles-form-connect-save-first = 请先保存连接配置
profiles-form-duplicate = 创建副本
profiles-form-delete = 删除…
profiles-form-delete-sandbox-hint = 本地沙箱的连接配置由应用管理
profiles-form-testing = 正在测试连接…
profiles-form-test-failed = 连接失败
profiles-form-test-failed-because = 连接失败：{ $error }
profiles-form-test-connected-password = 已连接，用时 { $ms } ms，用户 { $user }（密码）
profiles-form-test-connected-token = 已连接，用时 { $ms } ms，用户 { $user }（令牌）
nav-projects = 项目
nav-repositories = 镜像仓库
nav-charts = chart 包
nav-helm-charts = Helm chart 包
nav-account = 账户
nav-profiles = 连接配置
app-password-refused-401 = 服务器拒绝了密码（HTTP 401）
app-password-needed = 请输入此连接配置的密码
app-password-stored-refused = 服务器拒绝了已保存的密码
notice-learned-double-encoding = 此服务器要求对多级镜像仓库名称进行双重编码（%252F），与 Harbor 相同：从现在起，ccr-desk 对此连接配置采用双重编码
notice-created-project = 已创建项目 { $name }，列表已按它过滤
notice-created-repository = 已创建镜像仓库 { $name }，列表已按它过滤
notice-created-artifact = 已创建镜像 { $name }，列表已按它过滤
notice-created-chart = 已创建 chart 包 { $name }，列表已按它过滤
notice-deleted-project = 已删除项目 { $name }
notice-deleted-repository = 已删除镜像仓库 { $name }
notice-deleted-artifact = 已删除镜像 { $name }
notice-deleted-chart = 已删除 chart 包 { $name }
notice-deleted-project-filter-cleared = 已删除项目 { $name }，已清除过滤条件以显示其余项目
notice-deleted-repository-filter-cleared = 已删除镜像仓库 { $name }，已清除过滤条件以显示其余镜像仓库
notice-deleted-artifact-filter-cleared = 已删除镜像 { $name }，已清除过滤条件以显示其余镜像
notice-deleted-chart-filter-cleared = 已删除 chart 包 { $name }，已清除过滤条件以显示其余 chart 包
export-menu = 导出 ⏷
export-menu-hint = 将整个列表保存到文件
export-csv = CSV…
export-csv-hint = 供电子表格使用的表格：Excel、LibreOffice、Numbers
export-json = JSON…
export-json-hint = 对象数组，供脚本和其他工具使用
export-save-dialog-title-csv = 导出为 CSV
export-save-dialog-title-json = 导出为 JSON
export-running = 正在导出列表…
export-task = 导出到 { $file }
export-done = 已将 { $rows } 行导出到 { $file }
export-error-no-folder = 文件夹 { $folder } 不存在。请选择其他文件夹。
export-error-is-folder = { $path } 是一个文件夹。请选择文件名。
export-error-denied = 无法写入文件夹 { $folder }。请选择其他文件夹。
export-error-full = { $folder } 所在的磁盘已满。请释放一些空间，或选择其他文件夹。
export-error-io = 无法写入 { $file }（{ $detail }）。请重试，或选择其他文件夹。
export-error-format = 无法将列表写为 { $format }（{ $detail }）。请重试。
export-error-table = 无法导出列表：表格格式有误（{ $detail }）。这是 ccr-desk 的缺陷。
export-error-index = 无法从本地索引读取列表（{ $detail }）。请刷新列表后重试。
export-error-registry = 无法从镜像仓库服务读取列表：{ $error }
export-error-stopped = 导出意外中止。请重试。
export-error-details = 详细信息：{ $detail }


## Errors: what went wrong, in plain words
# Advice shared by the messages with and without the server's own message.
-error-advice-proxy-auth = 本机与镜像仓库服务之间的代理服务器要求提供它自己的密码，这不是连接配置的密码。请在系统的代理设置（或 HTTPS_PROXY 环境变量）中填写代理的用户名和密码，或联系网络管理员
-error-advice-auth-failed = 服务器未接受该用户名和密码。请检查连接配置中的用户名和密码
-error-advice-permission-denied = 该用户无权执行此操作。请向管理员申请权限，或使用权限更高的连接配置
-error-advice-forbid-operate = 服务器不允许对该资源执行此操作（例如，项目中的镜像仓库和 chart 包全部删除后，才能删除该项目）
-error-advice-not-exists = 服务器上不存在该资源（或已被删除）。请刷新列表并检查名称
-error-advice-already-exists = 已存在同名的资源。请换一个名称
-error-advice-param-error = 服务器拒绝了某个参数值。请检查输入的内容
-error-advice-internal-error = 服务器发生内部错误。请稍后重试；如果问题持续，请将请求 ID 提供给镜像仓库服务的管理员
-error-advice-success = 服务器报告成功，但返回的内容不完整
-error-advice-unknown-code = 服务器报告了一个本客户端无法识别的错误
-error-advice-retry-or-report = 请重试；如果问题持续，请将请求 ID 提供给镜像仓库服务的管理员
-error-advice-no-keyring = 密码只在本次会话中保留，下次需要重新输入
-error-advice-edit-profile = 请编辑连接配置
# A CCR error envelope; $server is the server's own message, shown as it came.
error-ccr-proxy-auth = { -error-advice-proxy-auth }
error-ccr-proxy-auth-server = { -error-advice-proxy-auth }（服务器消息：{ $server }）
error-ccr-auth-failed = { -error-advice-auth-failed }
error-ccr-auth-failed-server = { -error-advice-auth-failed }（服务器消息：{ $server }）
error-ccr-permission-denied = { -error-advice-permission-denied }
error-ccr-permission-denied-server = { -error-advice-permission-denied }（服务器消息：{ $server }）
error-ccr-forbid-operate = { -error-advice-forbid-operate }
error-ccr-forbid-operate-server = { -error-advice-forbid-operate }（服务器消息：{ $server }）
error-ccr-not-exists = { -error-advice-not-exists }
error-ccr-not-exists-server = { -error-advice-not-exists }（服务器消息：{ $server }）
error-ccr-already-exists = { -error-advice-already-exists }
error-ccr-already-exists-server = { -error-advice-already-exists }（服务器消息：{ $server }）
error-ccr-param-error = { -error-advice-param-error }
error-ccr-param-error-server = { -error-advice-param-error }（服务器消息：{ $server }）
error-ccr-internal-error = { -error-advice-internal-error }
error-ccr-internal-error-server = { -error-advice-internal-error }（服务器消息：{ $server }）
error-ccr-success = { -error-advice-success }
error-ccr-success-server = { -error-advice-success }（服务器消息：{ $server }）
error-ccr-unknown-code = { -error-advice-unknown-code }
error-ccr-unknown-code-server = { -error-advice-unknown-code }（服务器消息：{ $server }）
# An answer that is not the CCR envelope; $answer is "HTTP 502, text/html" (status and type).
error-answer-unavailable = 镜像仓库服务（或其前面的代理）暂时不可用（{ $answer }：“{ $excerpt }”）。请稍后重试
error-answer-unavailable-empty = 镜像仓库服务（或其前面的代理）暂时不可用（{ $answer }，响应内容为空）。请稍后重试
error-answer-proxy-auth = { -error-advice-proxy-auth }（{ $answer }：“{ $excerpt }”）
error-answer-proxy-auth-empty = { -error-advice-proxy-auth }（{ $answer }，响应内容为空）
error-answer-refused = 服务器拒绝了该凭据（{ $answer }：“{ $excerpt }”）。请检查连接配置中的用户名和密码
error-answer-refused-empty = 服务器拒绝了该凭据（{ $answer }，响应内容为空）。请检查连接配置中的用户名和密码
error-answer-not-found = 该地址上没有可响应的服务（{ $answer }：“{ $excerpt }”）。请检查连接配置中的访问地址和实例 ID
error-answer-not-found-empty = 该地址上没有可响应的服务（{ $answer }，响应内容为空）。请检查连接配置中的访问地址和实例 ID
error-answer-not-ccr = 服务器的响应不是 CCR 接口的响应（{ $answer }：“{ $excerpt }”）。请确认访问地址指向镜像仓库服务本身，而不是代理或登录页面
error-answer-not-ccr-empty = 服务器的响应不是 CCR 接口的响应（{ $answer }，响应内容为空）。请确认访问地址指向镜像仓库服务本身，而不是代理或登录页面
error-incomplete-list-missing = 服务器返回的内容不完整（总数为 { $total }，却没有“{ $field }”列表），因此无法显示列表。{ -error-advice-retry-or-report }
error-incomplete-list-unreadable = 服务器返回的内容不完整（“{ $field }”不是列表），因此无法显示列表。{ -error-advice-retry-or-report }
error-incomplete-object-missing = 服务器返回的内容不完整（缺少“{ $field }”对象），因此无法显示。{ -error-advice-retry-or-report }
error-too-many-items = 请求每页 { $page_size } 条，服务器却返回了 { $received } 条，远超请求的数量，因此已拒绝该响应。请确认访问地址指向镜像仓库服务本身；如果确实如此，请告知镜像仓库服务的管理员
error-answer-too-large = 服务器的响应超过 { $mib } MiB，大于该接口任何正常响应的大小，因此未读取。请确认访问地址指向镜像仓库服务本身
error-not-a-chart = 服务器发送的不是 chart 包文件，未保存任何内容
error-not-a-chart-typed = 服务器发送的不是 chart 包文件（而是 { $content_type }），未保存任何内容
error-not-a-chart-excerpt = 服务器发送的不是 chart 包文件：“{ $excerpt }”。未保存任何内容
error-not-a-chart-typed-excerpt = 服务器发送的不是 chart 包文件（而是 { $content_type }）：“{ $excerpt }”。未保存任何内容
error-download-damaged-empty = 下载的 chart 包不完整或已损坏（文件为空）。未保存任何内容，请重新下载
error-download-damaged-not-gzip = 下载的 chart 包不完整或已损坏（文件不是 gzip 压缩格式）。未保存任何内容，请重新下载
error-download-damaged-compressed = 下载的 chart 包不完整或已损坏（压缩数据已损坏：{ $detail }）。未保存任何内容，请重新下载
error-download-damaged-not-tar = 下载的 chart 包不完整或已损坏（内容不是 tar 归档：{ $detail }）。未保存任何内容，请重新下载
# The network failed; $detail is the system's own words.
error-transport-timeout = { $host } 未在规定时间内响应。请检查网络，或在连接配置中调大超时时间
error-transport-refused = { $host } 上没有服务在监听。请检查访问地址的主机和端口，并确认镜像仓库服务正在运行
error-transport-dns = 找不到主机 { $host }。请检查访问地址
error-transport-tls = 与 { $host } 的安全连接失败（{ $detail }）。如果镜像仓库服务使用自己的证书颁发机构，请在连接配置中添加它的 CA 文件
error-transport-truncated = 与 { $host } 的连接失败（共 { $expected } 字节，只收到 { $received } 字节时传输就中断了）。请检查网络后重试
error-transport-other = 与 { $host } 的连接失败（{ $detail }）。请检查网络后重试
error-cancelled = 已取消
error-write-file = 无法写入文件：{ $detail }。请确认文件夹存在、可写且有剩余空间
error-internal = ccr-desk 内部出错（{ $detail }）。请重试；如果问题持续，请报告此问题
error-ca-file-unreadable = 无法读取 CA 文件 { $path }：{ $detail }。请在连接配置中选择一个存在的 PEM 文件
error-ca-file-invalid = CA 文件 { $path } 中没有可用的 PEM 证书。请选择镜像仓库服务的 PEM 格式 CA 证书
error-ca-file-invalid-detail = CA 文件 { $path } 中没有可用的 PEM 证书（{ $detail }）。请选择镜像仓库服务的 PEM 格式 CA 证书
error-http-client = 无法初始化 HTTP 客户端：{ $detail }
error-request-url = 无法根据访问地址构造请求 URL：{ $detail }
error-endpoint-unparsable = 访问地址不是有效的 URL（{ $detail }），请按 https://registry.example.com 的格式填写
error-endpoint-scheme = 访问地址必须以 https:// 开头（只有本机地址允许使用 http://）
error-endpoint-insecure = 只有本机（localhost、127.0.0.1、::1）允许使用不加密的 http://，请使用 https://
error-endpoint-no-host = 访问地址中没有主机名
error-endpoint-extra-parts = 访问地址只能包含协议、主机和端口，例如 https://registry.example.com:8443
# The document's input rules, checked before a request is sent.
error-required-project-name = 项目名称不能为空
error-required-repository-name = 镜像仓库名称不能为空
error-required-path-segment = 请求路径中的名称不能为空
error-required-summary = 概要说明不能为空
error-required-detail = 详细说明不能为空
error-required-password = 密码不能为空
error-required-username = 用户名不能为空
error-required-digest = 摘要不能为空
error-required-chart-name = chart 包名称不能为空
error-required-chart-version = chart 包版本不能为空
error-length-project-name = 项目名称的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-repository-name = 镜像仓库名称的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-path-segment = 请求路径中的名称长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-summary = 概要说明的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-detail = 详细说明的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-password = 密码的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-username = 用户名的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-digest = 摘要的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-chart-name = chart 包名称的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-length-chart-version = chart 包版本的长度必须为 { $min } 到 { $max } 个字符（当前为 { $actual } 个）
error-rule-project-characters = 项目名称只能包含小写字母、数字及 . _ -
error-rule-project-ends = 项目名称必须以小写字母或数字开头和结尾
error-rule-project-doubled = 项目名称中的 . _ - 不能连续出现
error-rule-not-dot-segment = 请求路径中的名称不能是 . 或 ..
error-rule-repository-characters = 镜像仓库名称只能包含小写字母、数字及分隔符 . _ - /
error-rule-repository-ends = 镜像仓库名称不能以分隔符开头或结尾
error-rule-repository-doubled = 镜像仓库名称中不能有连续的分隔符
error-rule-password-upper = 密码至少需要包含一个大写字母
error-rule-password-lower = 密码至少需要包含一个小写字母
error-rule-password-digit = 密码至少需要包含一个数字
error-rule-username-characters = 用户名不能包含冒号或控制字符
error-rule-digest-form = 摘要的格式必须为 sha256:<64 位十六进制数>
error-rule-digest-algorithm = 摘要必须使用 sha256、sha384 或 sha512 算法
error-rule-digest-hex = 摘要的格式必须为 sha256:<64 位小写十六进制数>
error-rule-chart-name-characters = chart 包名称只能包含字母、数字及 . _ -，且必须以字母或数字开头
error-rule-chart-version-characters = chart 包版本只能包含字母、数字及 . + - _
# A chart archive on disk.
error-archive-empty = 不是 chart 包文件：文件为空
error-archive-not-gzip = 不是 chart 包文件：文件不是 gzip 压缩格式（chart 包应为 .tgz 文件）
error-archive-compressed-damaged = 不是 chart 包文件：压缩数据已损坏（{ $detail }）
error-archive-not-tar = 不是 chart 包文件：内容不是 tar 归档（{ $detail }）
error-archive-no-chart-yaml = 不是 Helm chart 包：归档中没有 Chart.yaml
error-chart-yaml-too-large = Chart.yaml 不是有效的 YAML：文件超过 { $kib } KiB
error-chart-yaml-not-utf8 = Chart.yaml 不是有效的 YAML：不是 UTF-8 文本
error-chart-yaml-invalid = Chart.yaml 不是有效的 YAML：{ $detail }
error-chart-yaml-not-fields = Chart.yaml 不是有效的 YAML：其中没有“key: value”形式的字段
error-archive-too-large = 未读取完整：归档解压后超过 { $mib } MiB，且在此之前未找到 Chart.yaml
error-archive-unreadable = 无法读取 { $path }：{ $detail }
error-path-check = 无法检查 { $path }：{ $detail }
# Problems of a profile, shown beside its fields.
error-profile-name-required = 名称不能为空
error-profile-name-taken = 已有其他连接配置使用此名称
error-profile-endpoint-required = 访问地址不能为空
error-profile-instance-id-required = 实例 ID 不能为空
error-profile-instance-id-dot = 实例 ID 不能是 . 或 ..
error-profile-registry-address = 镜像仓库地址必须是主机名（可带端口），例如 registry.example.com:5000
error-profile-connect-timeout = 连接超时必须为 { $min } 到 { $max } 秒
error-profile-read-timeout = 读取超时必须为 { $min } 到 { $max } 秒
error-profile-request-deadline = 请求时限必须为 { $min } 到 { $max } 秒
# The profiles file; $problem is a whole sentence from one of the messages above.
error-profile-no-config-dir = 在这台计算机上找不到存放设置的文件夹。请确认已设置用户主目录，然后重新启动应用
error-profile-read = 无法读取连接配置文件 { $path }：{ $detail }。请确认你有读取权限
error-profile-write = 无法保存连接配置文件 { $path }：{ $detail }。请确认文件夹存在且你有写入权限
error-profile-encode = 无法将连接配置写成文本：{ $detail }。请检查各连接配置的 CA 文件路径
error-profile-endpoint = 访问地址无法使用：{ $problem }。{ -error-advice-edit-profile }
error-profile-invalid = 连接配置无法使用：{ $problem }。{ -error-advice-edit-profile }
error-settings-moved-aside-not-utf8 = 无法解析连接配置文件（不是 UTF-8 文本）。原文件已保留为 { $path }，应用启动时没有加载任何连接配置
error-settings-moved-aside-line = 无法解析连接配置文件（第 { $line } 行：{ $detail }）。原文件已保留为 { $path }，应用启动时没有加载任何连接配置
error-settings-moved-aside = 无法解析连接配置文件（{ $detail }）。原文件已保留为 { $path }，应用启动时没有加载任何连接配置
# The keyring.
error-keyring-unavailable = 系统密钥环不可用（{ $detail }），{ -error-advice-no-keyring }
error-keyring-open-failed = 系统密钥环不可用（打开时意外失败），{ -error-advice-no-keyring }
error-keyring-no-answer = 系统密钥环不可用（未在规定时间内响应），{ -error-advice-no-keyring }
error-keyring-locked = 系统密钥环已锁定或拒绝访问（{ $detail }），请解锁后重试
error-keyring-platform = 系统密钥环出错（{ $detail }），请确认密钥环服务正在运行，然后重试
error-keyring-unreadable = 系统密钥环中此连接配置的密码无法读取，请重新输入密码
error-keyring-damaged = 系统密钥环的数据已损坏（{ $detail }），请使用密钥环自带的工具修复
error-keyring-too-long = 系统密钥环拒绝了该条目：{ $attribute } 超过了 { $limit } 个字符的上限
error-keyring-invalid = 系统密钥环拒绝了该条目（{ $attribute }：{ $reason }）
error-keyring-ambiguous = 系统密钥环中此连接配置有 { $count } 个密码，请使用密钥环自带的工具删除多余的密码
error-keyring-stopped = 系统密钥环操作意外中止，请重试
error-keyring-other = 系统密钥环出错：{ $detail }
# Connecting a profile; $facts is "HTTP 404, CCR.CodeErrNotExists" (status and code).
error-no-password = 此连接配置没有保存密码
error-no-password-keyring = 此连接配置没有保存密码（{ $problem }）
error-wrong-instance = 该访问地址上的服务器没有此 ID 的镜像仓库实例（{ $facts }）。请检查连接配置中的访问地址和实例 ID
error-wrong-instance-server = 该访问地址上的服务器没有此 ID 的镜像仓库实例（{ $facts }，服务器消息：{ $server }）。请检查连接配置中的访问地址和实例 ID
error-wrong-instance-request = 该访问地址上的服务器没有此 ID 的镜像仓库实例（{ $facts }，请求 ID：{ $request_id }）。请检查连接配置中的访问地址和实例 ID
error-wrong-instance-server-request = 该访问地址上的服务器没有此 ID 的镜像仓库实例（{ $facts }，服务器消息：{ $server }，请求 ID：{ $request_id }）。请检查连接配置中的访问地址和实例 ID
error-keyring-turned-off = 系统密钥环已关闭（{ $how }），{ -error-advice-no-keyring }


## Index: search, storage, offline, the artifacts over the index
session-work-indexing = 正在索引镜像仓库服务
# A moment in local time: "12月1日 09:14".
time-moment = { $month }月{ $day }日 { $time }
offline-banner = 离线：显示 { $at } 索引的内容
offline-banner-unknown-time = 离线：显示本地索引中的内容
offline-banner-read-only = 镜像仓库服务恢复响应之前无法进行任何更改；应用会持续检查连接。
offline-read-only-hint = 离线：无法连接镜像仓库服务，暂时不能进行更改。
nav-storage = 存储与索引
search-field-hint = 搜索（Ctrl+K）
search-field-hover = 在本地索引中搜索项目、镜像仓库、标签、摘要（至少 4 位十六进制）和 chart 包
search-group-projects = 项目
search-group-repositories = 镜像仓库
search-group-tags = 标签
search-group-digests = 摘要
search-group-charts = chart 包
search-group-more = 显示 { $shown } 个，共 { $total } 个
search-hit-tag = 标签 { $tag }
search-hit-platform-image = { $digest }，{ $index } 的子镜像
search-no-results = 索引中没有与“{ $text }”匹配的内容。
search-no-index = 本地索引尚未打开，暂时无法搜索。
search-searching = 正在搜索…
search-failed = 搜索失败：无法读取本地索引。请重试，或在“存储与索引”页面清空索引。
search-index-empty = 索引为空：请在“存储与索引”页面为镜像仓库服务建立索引后再搜索。
search-freshness = 索引：{ $artifacts } 个镜像，{ $ago }完成全量索引
search-freshness-never = 索引：{ $artifacts } 个镜像；尚未完成全量索引
search-keys-hint = ⏶ ⏷ 选择 · Enter 打开 · Esc 关闭
artifacts-mode-pages = 分页浏览
artifacts-mode-pages-hint = 按服务器的分页列出，始终是最新内容
artifacts-mode-whole = 整个镜像仓库
artifacts-mode-whole-hint = 本地索引中的全部镜像：可按标签筛选，并对整个镜像仓库排序
artifacts-index-unavailable = 本地索引尚未打开，无法显示整个镜像仓库。请使用“分页浏览”。
artifacts-index-read-failed = 无法读取本地索引。请重试，或在“存储与索引”页面清空索引。
artifacts-index-reading = 正在读取索引…
artifacts-index-empty = 索引中还没有此镜像仓库的镜像。请重新索引以读取所有分页。
artifacts-index-no-match = 没有符合筛选条件的已索引镜像。
artifacts-index-tag-filter = 标签
artifacts-index-tag-filter-hint = 标签的一部分
artifacts-index-digest-filter = 仅 { $digest } ✖
artifacts-index-digest-filter-hint = 重新显示全部镜像
artifacts-index-untagged-only = 仅未打标签
artifacts-index-order-hint = 对整个镜像仓库排序，而不只是当前页
artifacts-index-order-pushed = 推送时间
artifacts-index-order-pulled = 拉取时间
artifacts-index-order-size = 大小
artifacts-index-order-tag = 标签（按版本）
artifacts-index-descending = 最新、最大或最高的在前；点击切换
artifacts-index-ascending = 最旧、最小或最低的在前；点击切换
artifacts-index-count = 索引中有 { $total } 个镜像
artifacts-index-reindex = 重新索引
artifacts-index-reindex-hint = 重新读取此镜像仓库的所有分页并写入索引
artifacts-index-reindexing = 正在重新索引…
export-column-project = 项目
export-column-repository = 镜像仓库
storage-no-index = 此连接配置没有打开的本地索引，因此无法显示任何内容。系统可能没有缓存文件夹，或者无法打开索引文件
storage-reading = 正在读取本地索引…
storage-never-indexed = 尚未索引任何内容——索引镜像仓库服务后即可查看存储的使用情况
storage-index-empty = 上次索引时，镜像仓库服务中没有任何项目
# $ago is "3 小时前", $at a moment like "12月1日 09:14".
storage-last-complete = 上次完整索引：{ $ago }（{ $at }）
storage-never-complete = 镜像仓库服务尚未被完整索引
storage-holds = 本地索引包含 { $projects } 个项目、{ $repositories } 个镜像仓库、{ $artifacts } 个镜像、{ $tags } 个标签和 { $charts } 个 chart 包
storage-not-listed = 有 { $count } 个镜像仓库尚未完整列出
storage-unfinished = 上次索引未完成，下次索引会从中断处继续
storage-crawl-now = 立即索引镜像仓库服务
storage-crawl-now-hint = 将所有项目、镜像仓库、镜像和 chart 包列入本地索引
storage-crawl-running-hint = 正在索引
storage-crawl-offline-hint = 暂时无法连接镜像仓库服务
storage-stop = 停止
storage-stop-hint = 停止索引；下次索引会从中断处继续
storage-clear = 清空本地索引…
storage-clear-hint = 仅清除本地副本，镜像仓库服务上的内容不受影响
storage-clear-title = 清空本地索引
# $server is the registry's host and port.
storage-clear-name = { $server } 的本地索引
storage-clear-consequence = 只会清除本地副本，镜像仓库服务上的内容不会改变。重新索引镜像仓库服务后即可再次查看存储情况。
storage-phase = { $phase ->
        [starting] 正在开始
        [projects] 正在列出项目
        [repositories] 正在列出镜像仓库和 chart 包
        [artifacts] 正在列出镜像
       *[done] 正在完成
    }
# $settled is "yes" once every listing has announced its total.
storage-progress = { $settled ->
        [yes] 已完成 { $done }/{ $expected } 项
       *[no] 已完成 { $done }/{ $expected } 项（总数仍在增加）
    } · { $requests } 个请求 · 重试 { $retries } 次
storage-last-finished = 上次索引已完成
storage-last-details = { $items } 项 · { $requests } 个请求 · 从本地索引移除 { $removed } 项
storage-last-cancelled = 上次索引已停止，下次索引会从中断处继续
storage-last-gone = 上次索引发现对应的项目或镜像仓库已不在镜像仓库服务中，已将其从本地索引移除
storage-last-failed = 上次索引失败
# $problem is a whole sentence (the client's error, worded).
storage-crawl-error-api = { $target ->
        [projects] 无法列出项目
        [project] 无法读取项目 { $project }
        [repository] 无法读取镜像仓库 { $project }/{ $repository }
        [repositories] 无法列出项目 { $project } 的镜像仓库
        [artifacts] 无法列出镜像仓库 { $project }/{ $repository } 的镜像
       *[charts] 无法列出 chart 包
    }。{ $problem }
storage-crawl-error-index = 本地索引出错：{ $problem }
storage-crawl-error-task = 索引意外停止
storage-index-error-no-cache = 系统没有可用于本地索引的缓存文件夹
# $detail is the system's own words.
storage-index-error-io = 无法读写索引文件 { $path }（{ $detail }）
storage-index-error-corrupt = 索引文件已损坏，下次打开时会重建
storage-index-error-database = 索引数据库出错（{ $detail }）
storage-index-error-unusable = 索引文件 { $path } 重建后仍无法使用
storage-index-error-task = 本地索引的任务意外停止
storage-load-error = 无法读取本地索引
storage-settings = 索引设置
storage-settings-when = 索引整个镜像仓库服务
storage-settings-on-connect = 每次连接时
storage-settings-when-asked = 仅在手动要求时
storage-settings-concurrency = 并发请求数
storage-settings-concurrency-hint = 索引时同时发出的请求数（{ $min } 到 { $max }）
storage-settings-repeat = 定时重新索引
storage-settings-every = 间隔分钟数
storage-totals = 整个镜像仓库服务：{ $artifacts } 个镜像、{ $tags } 个标签、{ $untagged } 个未打标签的镜像，大小合计 { $size }
storage-totals-used = 服务器报告的已用存储为 { $used }
storage-size-note = 大小合计按镜像逐个累加：多个镜像共用的层会按镜像重复计算，因此可能超过服务器报告的已用存储（同一层只计一次）。
storage-column-project = 项目
storage-column-repository = 镜像仓库
storage-column-repositories = 镜像仓库数
storage-column-artifacts = 镜像数
storage-column-tags = 标签数
storage-column-server-tags = 服务器标签数
storage-column-untagged = 未打标签
storage-column-size = 大小合计
storage-column-storage-used = 已用存储
storage-column-quota = 配额
storage-column-complete = 索引状态
storage-sort-hover = 按此列对整个列表排序；再次点击反向排序
storage-sort-hint = 整个列表按{ $column ->
        [name] 名称
        [repositories] 镜像仓库数
        [artifacts] 镜像数
        [tags] 标签数
        [untagged] 未打标签数
        [size] 大小合计
        [used] 已用存储
        [quota] 配额
        [server-tags] 服务器标签数
       *[complete] 索引状态
    }{ $order ->
        [ascending] 升序
       *[descending] 降序
    }排列
storage-project-hover = 在下方显示其镜像仓库
storage-repository-hover = 打开其镜像列表
storage-unknown = —
storage-unknown-hint = 服务器未报告此值
storage-quota-unlimited = 无限制
storage-complete = 完整
storage-complete-hint = 所有镜像仓库和镜像均已列入本地索引
storage-partial = 不完整
storage-partial-hint = 部分镜像仓库或其镜像尚未完整列出，合计可能偏少。索引镜像仓库服务即可补全。
storage-partial-repository-hint = 其镜像尚未完整列出，合计可能偏少
storage-row-loading = …
storage-repositories-heading = 项目 { $project } 的镜像仓库
storage-pick-project = 点击项目以查看其镜像仓库
storage-no-repositories = 本地索引中没有项目 { $project } 的镜像仓库
storage-largest-heading = 最大的镜像仓库
storage-largest-empty = 尚未索引任何有大小的内容
storage-bar-label = { $repository }：{ $size }
storage-bar-hover = 点击打开其镜像列表
export-column-storage-used-mib = 已用存储（MiB）
export-column-quota-bytes = 配额（字节，-1 表示无限制）
export-column-tag-count = 标签数
export-column-summary = 概要说明
export-column-chart = chart 包
export-column-latest-version = 最新版本
export-column-versions = 版本数
export-column-kind = 类别
export-column-name = 名称
export-column-place = 位置
session-work-indexing-progress = 正在索引镜像仓库服务：{ $done } / { $expected } 项
search-group-more-at-least = 显示 { $shown } 个，共超过 { $total } 个
export-column-size-bytes = 大小合计（字节）
repositories-reindex-hint = 重新读取此项目的镜像仓库及其全部镜像并写入索引
repositories-reindexing = 正在重新索引此项目…
repositories-reindex-unavailable = 重新索引需要本地索引，并且镜像仓库服务可以连接
storage-rebuilt = 索引文件无法使用（{ $why }），已重新建立：浏览时或为镜像仓库服务建立索引后会重新填充。
storage-rebuilt-corrupt = 文件已损坏
storage-rebuilt-not-an-index = 它不是 ccr-desk 的索引
storage-rebuilt-version = 它使用格式 { $found } 写入，此版本无法读取
storage-migrated = 索引文件已从格式 { $from } 升级到此版本的格式。
