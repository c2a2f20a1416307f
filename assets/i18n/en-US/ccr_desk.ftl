# ccr-desk, English (en-US): the language the source is written against. Every message here
# exists in zh-CN/ccr_desk.ftl too (tests/i18n.rs); the terms are in ../GLOSSARY.md.
# Ids are named by screen and role; every value is a variable; counts use plural selectors.


## Common: words every screen uses

common-cancel = Cancel
common-close = Close
common-delete = Delete
common-save = Save
common-create = Create
common-retry = Try again
common-copy = Copy
top-bar-language-hint = The language of the app. It changes at once and is kept for the next start.


## Screens: projects, repositories, artifacts
artifacts-empty = This repository has no artifacts. Push an image to it to see it here
artifacts-load-error = Could not list the artifacts
repositories-new = New repository…
repositories-empty = This project has no repositories yet. Push an image, or create one with “New repository…”
repositories-load-error = Could not list the repositories
projects-new = New project…
projects-empty = There are no projects yet. Create one with “New project…”
projects-load-error = Could not list the projects
breadcrumb-projects = Projects
breadcrumb-tab-repositories = Repositories
breadcrumb-tab-charts = Charts
table-open = Open
projects-heading = Projects
projects-column-name = Name
projects-column-access = Access
projects-column-storage = Storage
projects-column-created = Created
projects-column-updated = Updated
projects-sort-hover = Sort this page
projects-sort-hint = Sorted by { $column ->
        [name] name
        [access] access
        [storage] storage
        [created] created
       *[updated] updated
    } ({ $order ->
        [ascending] ascending
       *[descending] descending
    }) on this page only; the server's order decides the pages
projects-open-hover = Open the project's repositories (right-click for more)
projects-menu-delete = Delete project…
projects-public = Public
projects-private = Private
projects-task-list = List projects
projects-task-create = Create project { $name }
projects-task-delete = Delete project { $name }
projects-delete-title = Delete project
projects-delete-consequence = Its settings and quota go with it; the server refuses while it still holds repositories or charts.
projects-delete-not-empty = The project is not empty. Delete its repositories and charts first
projects-delete-not-empty-server = The project is not empty. Delete its repositories and charts first (server: { $message })
projects-delete-request-id = { $problem } · request id { $request_id }
projects-create-title = New project
projects-create-name = Project name
projects-create-name-hint = my-project
projects-create-public = Public (anyone may pull without signing in)
projects-create-quota = Quota
projects-quota-unlimited = Unlimited
projects-creating = Creating…
repositories-task-list = List repositories of { $project }
repositories-task-detail = Repository { $project }/{ $name }
repositories-task-create = Create repository { $name }
repositories-task-delete = Delete repository { $project }/{ $name }
repositories-column-name = Name
repositories-column-tags = Tags
repositories-column-access = Access
repositories-column-created = Created
repositories-open-hover = Open its artifacts
repositories-menu-delete = Delete repository…
repositories-public = Public
repositories-private = Private
repositories-detail-title = Repository
repositories-copy-full-name-hover = Copy the repository's full name
repositories-open-artifacts = Artifacts ▶
repositories-open-artifacts-hover = Show the repository's artifacts (Enter)
repositories-detail-load-error = Could not load the repository
repositories-fact-summary = Summary
repositories-fact-tags = Tags
repositories-fact-access = Access
repositories-fact-created = Created
repositories-fact-detail = Detail
repositories-delete-title = Delete repository
repositories-delete-consequence = Every tag and artifact in it goes with it.
repositories-create-title = New repository in { $project }
repositories-create-name = Repository name
repositories-create-name-hint = team/app
repositories-create-summary = Summary
repositories-create-summary-hint = one line about it
repositories-create-detail = Detail
repositories-creating = Creating…
artifacts-task-list = List artifacts of { $project }/{ $repository }
artifacts-task-delete = Delete artifact { $project }/{ $repository }@{ $digest }
artifacts-column-digest = Digest
artifacts-column-tags = Tags
artifacts-column-type = Type
artifacts-column-size = Size
artifacts-column-platforms = Platforms
artifacts-column-pushed = Pushed
artifacts-column-pulled = Pulled
artifacts-size-bytes = { $bytes ->
        [one] 1 byte
       *[other] { $bytes } bytes
    }
artifacts-child-platform-image = platform image
artifacts-child-unknown-platform = unknown
artifacts-expand-show-hover = Show the platform images
artifacts-expand-hide-hover = Hide the platform images
artifacts-copy-digest-hover = Copy the digest
artifacts-menu-copy-digest = Copy digest
artifacts-menu-delete = Delete artifact…
artifacts-menu-copy-pull-tag = Copy { $program } pull by tag { $tag }
artifacts-menu-copy-pull-digest = Copy { $program } pull by digest
artifacts-tags-unreadable = The server's answer did not say which tags point at this artifact
artifacts-tags-unreadable-chip = tags unreadable
artifacts-untagged = untagged
artifacts-detail-title = Artifact
artifacts-detail-digest = Digest
artifacts-detail-tags = Tags
artifacts-detail-tags-count = Tags ({ $count })
artifacts-detail-no-tags = No tag points at this artifact
artifacts-fact-type = Type
artifacts-fact-media-type = Media type
artifacts-fact-manifest = Manifest
artifacts-fact-size = Size
artifacts-fact-author = Author
artifacts-fact-created = Created
artifacts-fact-platforms = Platforms
artifacts-fact-pushed = Pushed
artifacts-fact-pulled = Pulled
artifacts-fact-labels = Labels
artifacts-references = References ({ $count })
artifacts-unknown-platform = unknown platform
artifacts-tag-column-tag = Tag
artifacts-tag-column-pushed = Pushed
artifacts-tag-column-pulled = Pulled
artifacts-tag-immutable = immutable
artifacts-tag-signed = signed
artifacts-tag-immutable-signed = immutable, signed
artifacts-pull-heading = Pull command
artifacts-pull-by = By
artifacts-pull-by-digest = digest
artifacts-pull-by-tag = tag { $tag }
artifacts-copy-command = Copy command
artifacts-copy-command-hover = Copy the pull command
artifacts-pull-unsafe-host = No pull command: the registry address holds characters a registry does not allow, so pasting it into a shell could run something else
artifacts-pull-unsafe-project = No pull command: the project name holds characters a registry does not allow, so pasting it into a shell could run something else
artifacts-pull-unsafe-repository = No pull command: the repository name holds characters a registry does not allow, so pasting it into a shell could run something else
artifacts-pull-unsafe-tag = No pull command: the tag holds characters a registry does not allow, so pasting it into a shell could run something else
artifacts-pull-unsafe-digest = No pull command: the digest holds characters a registry does not allow, so pasting it into a shell could run something else
artifacts-delete-title = Delete artifact
artifacts-delete-tags-unknown = Its tags could not be read from the server's answer, so which tags go with it is not known.
artifacts-delete-no-tags = No tag points at it.
artifacts-delete-tags = { $count ->
        [one] Its tag goes
       *[other] Its tags go
    } with it: { $tags }.
repositories-full-name-copied = Copied the repository's full name
artifacts-digest-copied = Copied the digest
artifacts-pull-command-copied = Copied the { $program } pull command
projects-create-name-rule = 1 to 255 characters: lower-case letters and digits, optionally separated by single . _ or - (not at the start or the end)
repositories-create-name-rule = 2 to 64 characters: lower-case letters, digits and the separators . _ - /; no separator at the start, at the end or twice in a row (sub1/sub2/repo is allowed)


## Screens: charts, account
charts-empty = There are no Helm charts yet. Push one with “helm push”, and it shows here
charts-load-error = Could not list the Helm charts
charts-heading = Helm charts
charts-task-list = List charts
charts-task-list-project = List charts (for { $project })
charts-task-delete = Delete chart { $chart }
charts-next-page = Next page ▶
charts-page-line-hint = The server lists the charts of every project together, page by page; this tab shows the ones of this project on each page
charts-page-line-all = Page { $page } of { $pages } lists { $listed ->
        [one] 1 chart
       *[other] { $listed } charts
    } of all projects; { $listed ->
        [one] it is
       *[other] all of them are
    } in { $project }
charts-page-line-some = Page { $page } of { $pages } lists { $listed ->
        [one] 1 chart
       *[other] { $listed } charts
    } of all projects; { $shown ->
        [one] 1 of them is
       *[other] { $shown } of them are
    } in { $project }
charts-page-notice-next = { $listed ->
        [one] The only chart on page { $page } of { $pages } of all projects' charts is not in { $project }
       *[other] None of the { $listed } charts on page { $page } of { $pages } of all projects' charts is in { $project }
    }. Go to the next page, or type part of the chart's name in the filter to find it sooner
charts-page-notice-earlier = { $listed ->
        [one] The only chart on page { $page } of { $pages } of all projects' charts is not in { $project }
       *[other] None of the { $listed } charts on page { $page } of { $pages } of all projects' charts is in { $project }
    }. Look on the earlier pages, or type part of the chart's name in the filter
charts-page-notice-empty = { $listed ->
        [one] The only chart on page { $page } of { $pages } of all projects' charts is not in { $project }
       *[other] None of the { $listed } charts on page { $page } of { $pages } of all projects' charts is in { $project }
    }. { $project } has no Helm charts
charts-page-notice-filtered = { $listed ->
        [one] The only chart on page { $page } of { $pages } of all projects' charts is not in { $project }
       *[other] None of the { $listed } charts on page { $page } of { $pages } of all projects' charts is in { $project }
    }. No chart of { $project } has a name that contains “{ $filter }”
charts-detail-title = Chart
charts-detail-copy-name-hint = Copy the chart's full name
charts-detail-project = Project
charts-detail-latest = Latest version
charts-detail-versions = Versions
charts-detail-created = Created
charts-detail-updated = Updated
charts-detail-download = Download…
charts-detail-download-hint = Save a version of the chart as a .tgz archive (Enter)
charts-detail-delete = Delete…
charts-detail-delete-hint = Delete the chart with every version (Delete)
charts-delete-title = Delete chart
charts-delete-consequence = Every version of the chart goes with it.
charts-delete-consequence-count = Every version of the chart goes with it (all { $count }).
charts-column-name = Name
charts-column-project = Project
charts-column-latest = Latest version
charts-column-versions = Versions
charts-column-created = Created
charts-column-updated = Updated
charts-project-link-hint = Show the charts of { $project }
charts-menu-download = Download…
charts-menu-delete = Delete chart…
chart-download-task-check = Check { $chart } { $version }
chart-download-task-download = Download { $chart } { $version }
chart-download-save-dialog-title = Save chart archive
chart-download-title = Download chart
chart-download-title-transfer = Downloading chart
chart-download-title-done = Chart saved
chart-download-title-replace = Replace the file?
chart-download-version = Version
chart-download-version-missing = Version { $version } of { $chart } does not exist
chart-download-latest-note = The server lists only the latest version, { $latest }. Type any other version the chart has
chart-download-no-latest-note = The server did not say which version is the latest. Type the version to download
chart-download-known-versions = Known versions
chart-download-known-versions-hint = The latest version, and the versions downloaded or checked since ccr-desk started
chart-download-known-version-hint = Download version { $version }
chart-download-download = Download
chart-download-download-hint = Save to the path typed above
chart-download-save-as = Save as…
chart-download-save-as-hint = Choose where to save { $file }
chart-download-checking-version = Checking that version { $version } exists…
chart-download-waiting-dialog = Waiting for the save dialog…
chart-download-checking-path = Checking the path…
chart-download-no-file-chosen = No file was chosen: the save dialog was cancelled or is not available on this desktop. Type the path to save to, or try “Save as…” again
chart-download-save-to = Save to
chart-download-save-to-hint = /home/me/Downloads/chart.tgz
chart-download-path-empty = Type where to save the archive
chart-download-path-not-absolute = Type the full path, from the root folder (/…) or a drive (C:\…)
chart-download-path-ends-in-folder = The path ends in a folder. Add the file's name
chart-download-path-is-folder = { $path } is a folder. Add the file's name to the path
chart-download-path-no-folder = The folder { $folder } does not exist. Choose a folder that does
chart-download-path-check-timeout = Checking the path took too long. Is the folder on a network drive that does not answer?
chart-download-path-check-stopped = The path could not be checked: the check stopped unexpectedly. Try again
chart-download-failed = The download failed
chart-download-nothing-written = Nothing was written
chart-download-cancelled = The download was cancelled; nothing was written
chart-download-exists = { $path } already exists.
chart-download-replace-question = Replace it with the downloaded archive? The old file stays until the download is complete
chart-download-replace = Replace
chart-download-keep = Keep it
chart-download-to = To { $path }
chart-download-asking = Asking the server for the archive…
chart-download-progress = { $done } of { $total } ({ $percent } %)
chart-download-measuring = Measuring the speed…
chart-download-speed = { $speed }/s
chart-download-speed-left-instant = { $speed }/s · less than a second left
chart-download-speed-left-seconds = { $speed }/s · about { $seconds } s left
chart-download-speed-left-minutes = { $speed }/s · about { $minutes } min left
chart-download-speed-left-hours = { $speed }/s · about { $hours } h left
chart-download-cancel-hint = Stop the download; nothing is written
chart-download-cancelling = Cancelling…
chart-saved-saved-to = Saved to
chart-saved-copy-path-hint = Copy the file's path
chart-saved-size = Size
chart-saved-size-value = { $size } ({ $bytes ->
        [one] 1 byte
       *[other] { $bytes } bytes
    })
chart-saved-inspect-failed = The file was saved, but its content cannot be shown
chart-saved-inspect-timeout = Reading the archive took too long
chart-saved-inspect-stopped = Reading the archive stopped unexpectedly
chart-saved-reading = Reading the archive…
chart-saved-name = Name
chart-saved-version = Version
chart-saved-app-version = App version
chart-saved-description = Description
chart-saved-version-mismatch = Chart.yaml says version { $found }, not { $asked } as asked for
chart-saved-values-truncated = Only the first { $shown } of { $full } are shown
chart-saved-values-not-reached = values.yaml was not found in the first { $limit } of the archive, so it is not shown
chart-saved-no-values = The chart has no values.yaml
account-heading = Access credential password
account-intro = Set or reset the password a user signs in to the registry with. An administrator may set any user's; other users only their own
account-username = Username
account-username-hint = user name
account-new-password = New password
account-new-password-hint = { $min } to { $max } characters with at least one upper-case letter, one lower-case letter and one digit
account-confirm-password = Confirm password
account-show = Show
account-show-hint = Show or hide both passwords
account-change = Change password
account-changing = Changing…
account-task-change = Change password
account-rules-heading = The new password needs
account-rule-length = { $min } to { $max } characters
account-rule-upper = At least one upper-case letter
account-rule-lower = At least one lower-case letter
account-rule-digit = At least one digit
account-rule-match = The two passwords match
account-changed-toast = Changed the password of { $username }
account-not-changed = The password of { $username } was not changed
account-changed = The password of { $username } was changed
account-other-unchanged = Your own connection is unchanged and nothing was stored in the keyring
account-elsewhere = The app had switched to another connection meanwhile, so the new password is not in use yet: type it when the app asks for it
account-own-pending = The new password is in use for this session and the old one was removed from the keyring. Save the new one in the keyring?
account-own-no-keyring = No keyring is available: the new password is used for this session only and asked for at the next start
account-save-and-use = Save in keyring and use it
account-session-only = Use for this session only
account-own-saved = The new password is in use and saved in the keyring
account-own-session-only = The new password is used for this session only: it is not stored and is asked for at the next start
password-dialog-title = Password needed
password-dialog-title-token = Token needed
password-dialog-target = { $profile } · { $username } at { $endpoint }
password-dialog-password = Password
password-dialog-token = Token
password-dialog-save-password = Save the password in the keyring
password-dialog-save-token = Save the token in the keyring
password-dialog-no-keyring = No keyring is available: the password is kept for this session only
password-dialog-no-keyring-token = No keyring is available: the token is kept for this session only
password-dialog-connect = Connect
password-dialog-connecting = Connecting…
charts-detail-name-copied = Copied the chart's full name
chart-saved-path-copied = Copied the path
chart-diff-summary = { $changed ->
        [one] 1 file changed
       *[other] { $changed } files changed
    }, { $added } added, { $removed } removed, { $unchanged } unchanged
chart-diff-identical = Both versions hold the same files, byte for byte
chart-diff-badge-added = Added
chart-diff-badge-removed = Removed
chart-diff-badge-changed = Changed
chart-diff-line-counts = +{ $added } −{ $removed }
chart-diff-line-counts-hint = { $added ->
        [one] 1 line added
       *[other] { $added } lines added
    }, { $removed ->
        [one] 1 line removed
       *[other] { $removed } lines removed
    }
chart-diff-added-text = Text file only in the new version, { $size }
chart-diff-added-binary = Binary file only in the new version, { $size }
chart-diff-removed-text = Text file only in the old version, { $size }
chart-diff-removed-binary = Binary file only in the old version, { $size }
chart-diff-binary = Binary file, not shown (was { $old }, now { $new })
chart-diff-too-big = Larger than { $limit }, not shown (was { $old }, now { $new })
chart-diff-no-newline = No newline at end of file
chart-diff-copy = Copy diff
chart-diff-copy-hint = Copy the unified diff of { $path }
chart-diff-copied = Copied the diff
chart-diff-lines-cut = Only the first { $shown } of { $total } lines are shown. Copy the diff to see them all
chart-compare-open = Compare versions…
chart-compare-open-hint = Download two versions and show what changed between them, file by file
chart-compare-title = Compare versions of { $chart }
chart-compare-explain = Name two versions: both are downloaded to a temporary folder, checked, and compared file by file. The temporary files are removed afterwards.
chart-compare-old = From
chart-compare-new = To
chart-compare-version-hint = e.g. 1.2.0
chart-compare-start = Compare
chart-compare-two-versions = Name two different versions
chart-compare-running = Downloading and comparing both versions…
chart-compare-versions = From { $old } to { $new }
chart-compare-cancelled = The comparison was cancelled.
chart-compare-side-old = the first version
chart-compare-side-new = the second version
error-chart-compare-archive = The archive of { $side } cannot be compared: { $reason }
error-chart-compare-too-many-files = The archive of { $side } holds more than { $limit } files, too many to compare.
error-chart-compare-download = Version { $version } could not be downloaded: { $reason }
error-chart-compare-not-chart = Version { $version } is not a Helm chart: { $reason }
error-chart-compare-temp-folder = No temporary folder could be made in { $folder } ({ $detail }).
error-chart-compare-stopped = The comparison stopped unexpectedly ({ $detail }).


## App, profiles, panels, widgets
list-filter = Filter
list-filter-hint = name contains…
list-delete = Delete…
list-select-first-project = Select a project first
list-select-first-repository = Select a repository first
list-select-first-artifact = Select an artifact first
list-select-first-chart = Select a chart first
list-no-match-projects = No project name contains “{ $filter }”
list-no-match-repositories = No repository name contains “{ $filter }”
list-no-match-artifacts = No artifact name contains “{ $filter }”
list-no-match-charts = No chart name contains “{ $filter }”
list-loading-projects = Loading projects…
list-loading-repositories = Loading repositories…
list-loading-artifacts = Loading artifacts…
list-loading-charts = Loading charts…
list-count-projects = { $total ->
    [one] 1 project
   *[other] { $total } projects
}
list-count-repositories = { $total ->
    [one] 1 repository
   *[other] { $total } repositories
}
list-count-artifacts = { $total ->
    [one] 1 artifact
   *[other] { $total } artifacts
}
list-count-charts = { $total ->
    [one] 1 chart
   *[other] { $total } charts
}
pager-position-projects = Page { $page } of { $pages }, { $total ->
    [one] 1 project
   *[other] { $total } projects
}
pager-position-repositories = Page { $page } of { $pages }, { $total ->
    [one] 1 repository
   *[other] { $total } repositories
}
pager-position-artifacts = Page { $page } of { $pages }, { $total ->
    [one] 1 artifact
   *[other] { $total } artifacts
}
pager-position-charts = Page { $page } of { $pages }, { $total ->
    [one] 1 chart
   *[other] { $total } charts
}
pager-page = Page { $page }
pager-first = ⏮ First
pager-first-hint = First page
pager-previous = ◀ Previous
pager-next = Next ▶
pager-last = Last ⏭
pager-last-hint = Last page
pager-per-page = { $size } per page
pager-page-size = Page size
session-work-check-connection = Check the connection
session-work-connecting = Connecting to { $profile }
session-work-connect = Connect to { $profile }
session-work-start-sandbox = Starting the local sandbox
notice-profiles-unreadable = { $error }. Profiles start empty, and nothing is saved over the file until it can be read: fix it and restart ccr-desk
notice-sandbox-failed = The local sandbox could not start: { $reason }
notice-sandbox-stopped = The local sandbox stopped unexpectedly while starting. Choose its profile to start it again
notice-keyring-slow = { $seconds ->
    [one] The keyring has not answered for 1 s. Later keyring writes wait for it; the password is kept for this session meanwhile
   *[other] The keyring has not answered for { $seconds } s. Later keyring writes wait for it; the password is kept for this session meanwhile
}
notice-keyring-save-failed = Saving the password in the keyring failed: { $problem }
notice-keyring-delete-failed = Removing the password from the keyring failed: { $problem }
notice-keyring-save-stopped = Saving the password in the keyring failed: the keyring call stopped unexpectedly. The password is kept for this session
notice-keyring-delete-stopped = Removing the password from the keyring failed: the keyring call stopped unexpectedly. Remove it with the keyring's own tool
notice-save-failed = Saving the profiles failed: { $problem }
notice-save-timed-out = Saving the profiles failed: it did not finish in time. The next change saves them again
notice-save-stopped = Saving the profiles failed: the save stopped unexpectedly. The next change saves them again
status-running = { $what }…
status-running-more = { $what }… (+{ $more } more)
status-idle = Idle
status-no-request = No request yet
status-last-request-ok = Last request: { $what } · ok · { $ms } ms
status-last-request-failed = Last request: { $what } · failed · { $ms } ms
status-last-change-ok = Last change: { $what } · ok · { $ms } ms
status-last-change-failed = Last change: { $what } · failed · { $ms } ms
status-request-id = request id { $id }
status-copy-request-id = Copy request id
status-no-keyring = No keyring is available: passwords are kept for this session only
notice-copied-request-id = Copied the request id
top-bar-profile = Profile
top-bar-no-profile = No profile
top-bar-manage-profiles = Manage profiles…
top-bar-refresh = ⟳ Refresh
top-bar-refresh-hint = Load this screen again (F5)
top-bar-theme-system-hint = Follow the system's light or dark theme
top-bar-theme-dark-hint = Use the dark theme
top-bar-theme-light-hint = Use the light theme
top-bar-unreachable = Server not reachable
top-bar-reconnecting = Reconnecting…
top-bar-not-connected = Not connected
top-bar-connecting = Connecting…
top-bar-connected = Connected as { $user } · { $ms } ms
top-bar-connected-short = { $user } · { $ms } ms
app-sandbox-starting = Starting the local sandbox…
app-no-profile-in-use = No connection profile is in use
app-open-profiles = Open profiles
app-connecting = Connecting…
app-notices-dismiss = Dismiss
app-connect-failed-title = Could not connect with { $profile }
app-connect-failed-title-unnamed = Could not connect with the profile
app-enter-password = Enter password…
app-edit-profile = Edit profile…
widget-insecure-short = Certificates not checked
widget-insecure-why = This profile accepts invalid certificates: anyone between you and the registry could read the password and the answers
widget-insecure-warning = Certificates not checked. This profile accepts invalid certificates: anyone between you and the registry could read the password and the answers
widget-password-show = Show
widget-error-code = CCR code { $code }
widget-error-http = HTTP { $status }
widget-error-request-id = request id { $id }
widget-copy-request-id-hint = Copy the request id
widget-filter-clear = Clear
widget-detail-close-hint = Close the detail
quota-used-unlimited = { $used } used · Unlimited
quota-unknown-used-unlimited = Storage used unknown · Unlimited
quota-used-no-quota = { $used } used · quota unknown
quota-unknown-used-no-quota = Storage used unknown · quota unknown
quota-used-of-limit = { $used } of { $limit } ({ $percent } %)
quota-unknown-used-of-limit = Storage used unknown, quota { $limit }
quota-level-normal = Storage used against the project's quota
quota-level-warning = The project has used 70 % or more of its quota
quota-level-danger = The project has used 90 % or more of its quota
time-unknown = —
time-unknown-hint = Not known
time-unparsed-hint = As the server wrote it: the time is in a form ccr-desk does not know
time-never = never
time-never-hint = Never pulled
time-just-now = just now
time-minutes-ago = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}
time-months-ago = { $count ->
    [one] 1 month ago
   *[other] { $count } months ago
}
time-years-ago = { $count ->
    [one] 1 year ago
   *[other] { $count } years ago
}
dialog-delete-will-be-deleted = “{ $name }” will be deleted.
dialog-delete-cannot-undo = This cannot be undone
dialog-delete-type-to-confirm = Type { $name } to confirm
dialog-deleting = Deleting…
session-sandbox-profile-name = Local sandbox
app-window-title = ccr-desk — { $profile }
profiles-list-heading = Connection profiles
profiles-list-empty = No profile yet. Add one with “Add profile”
profiles-list-add = Add profile
profiles-list-delete-title = Delete profile
profiles-list-delete-consequence = Its password is removed from the keyring too.
profiles-form-discard-title = Discard changes?
profiles-form-discard-body = The changes to { $profile } are not saved.
profiles-form-discard-body-new = The changes to the new profile are not saved.
profiles-form-discard = Discard changes
profiles-form-keep-editing = Keep editing
profiles-form-ca-dialog-title = Choose the CA certificate (PEM)
profiles-form-keyring-in-use = Passwords are kept in the system keyring, never in the profile file
profiles-form-keyring-opening = Opening the keyring…
profiles-form-new-heading = New profile
profiles-form-edit-heading = Edit profile
profiles-form-sandbox-note = The app runs this registry itself and keeps its address up to date
profiles-form-name = Profile name
profiles-form-name-hint = Production registry
profiles-form-endpoint = Endpoint URL
profiles-form-registry-address = Registry address
profiles-form-registry-address-placeholder = the endpoint's host
profiles-form-registry-address-hint = The host[:port] in pull commands, when the registry is not at the endpoint's host
profiles-form-instance-id = Instance id
profiles-form-username = User name
profiles-form-sign-in-with = Sign in with
profiles-form-auth-password = Password
profiles-form-auth-password-hint = HTTP Basic with the user name and password
profiles-form-auth-token = Token
profiles-form-auth-token-hint = Authorization: Bearer with a token kept in the keyring
profiles-form-compatibility = Server compatibility
profiles-form-path-encoding = Multi-level names in paths
profiles-form-path-encoding-hint = How / inside a repository name is sent: the document says %2F, Harbor wants %252F
profiles-form-path-encoding-automatic = Automatic
profiles-form-path-encoding-single = Single (%2F)
profiles-form-path-encoding-double = Double (%252F)
profiles-form-password = Password
profiles-form-token = Token
profiles-form-token-note-new = The token is kept like a password: in the keyring, never in the profile file
profiles-form-token-note-keep = Leave empty to keep the stored token
profiles-form-password-note-session = Kept for this session only (no keyring)
profiles-form-password-note-new = Saved in the keyring when the profile is saved
profiles-form-password-note-keep-session = Leave empty to keep the password of this session
profiles-form-password-note-keep = Leave empty to keep the stored password
profiles-form-tls = TLS and timeouts
profiles-form-ca-file = CA file
profiles-form-ca-file-hint = system certificates only
profiles-form-ca-choose = Choose…
profiles-form-accept-invalid = Accept invalid certificates (insecure)
profiles-form-accept-invalid-hint = Anyone between you and the registry could read the password
profiles-form-connect-timeout = Connect timeout (s)
profiles-form-read-timeout = Read timeout (s)
profiles-form-request-deadline = Request deadline (s)
profiles-form-request-deadline-hint = The longest a request may take from start to its whole answer (downloads excepted)
profiles-form-saved = Saved
profiles-form-test = Test connection
profiles-form-test-waiting-keyring = Waiting for the keyring to open
profiles-form-connect = Connect
profiles-form-connect-save-first = Save the profile first
profiles-form-duplicate = Duplicate
profiles-form-delete = Delete…
profiles-form-delete-sandbox-hint = The local sandbox profile is managed by the app
profiles-form-testing = Testing the connection…
profiles-form-test-failed = Connection failed
profiles-form-test-failed-because = Connection failed: { $error }
profiles-form-test-connected-password = Connected in { $ms } ms as { $user } (password)
profiles-form-test-connected-token = Connected in { $ms } ms as { $user } (token)
nav-projects = Projects
nav-repositories = Repositories
nav-charts = Charts
nav-helm-charts = Helm charts
nav-account = Account
nav-profiles = Profiles
app-password-refused-401 = The server refused the password (HTTP 401)
app-password-needed = Enter the password for this profile
app-password-stored-refused = The server refused the stored password
notice-learned-double-encoding = This server wants multi-level repository names doubly encoded (%252F), as Harbor does: ccr-desk does so for this profile from now on
notice-created-project = Created project { $name }; the list is filtered to show it
notice-created-repository = Created repository { $name }; the list is filtered to show it
notice-created-artifact = Created artifact { $name }; the list is filtered to show it
notice-created-chart = Created chart { $name }; the list is filtered to show it
notice-deleted-project = Deleted project { $name }
notice-deleted-repository = Deleted repository { $name }
notice-deleted-artifact = Deleted artifact { $name }
notice-deleted-chart = Deleted chart { $name }
notice-deleted-project-filter-cleared = Deleted project { $name }; the filter is cleared to show the rest
notice-deleted-repository-filter-cleared = Deleted repository { $name }; the filter is cleared to show the rest
notice-deleted-artifact-filter-cleared = Deleted artifact { $name }; the filter is cleared to show the rest
notice-deleted-chart-filter-cleared = Deleted chart { $name }; the filter is cleared to show the rest
export-menu = Export ⏷
export-menu-hint = Save the whole list to a file
export-csv = CSV…
export-csv-hint = A table for spreadsheets: Excel, LibreOffice, Numbers
export-json = JSON…
export-json-hint = An array of objects, for scripts and other tools
export-save-dialog-title-csv = Export as CSV
export-save-dialog-title-json = Export as JSON
export-running = Exporting the list…
export-task = Export to { $file }
export-done = { $count ->
    [one] Exported 1 row to { $file }
   *[other] Exported { $rows } rows to { $file }
}
export-error-no-folder = The folder { $folder } does not exist. Choose another folder
export-error-is-folder = { $path } is a folder. Choose a file name
export-error-denied = The folder { $folder } cannot be written to. Choose another folder
export-error-full = The disk holding { $folder } is full. Free some space, or choose another folder
export-error-io = { $file } could not be written ({ $detail }). Try again, or choose another folder
export-error-format = The list could not be written as { $format } ({ $detail }). Try again
export-error-table = The list could not be exported: its table is malformed ({ $detail }). This is a bug in ccr-desk
export-error-index = The list could not be read from the local index ({ $detail }). Refresh the list and try again
export-error-registry = The list could not be read from the registry: { $error }
export-error-stopped = The export stopped unexpectedly. Try again
export-error-details = Details: { $detail }


## Errors: what went wrong, in plain words
# Advice shared by the messages with and without the server's own message.
-error-advice-proxy-auth = A proxy between this computer and the registry asks for its own password. That is not the profile's password: set the proxy's user name and password in the system's proxy settings (or in the HTTPS_PROXY variable), or ask the network administrator
-error-advice-auth-failed = The server did not accept the user name and password. Check the user name and password in the profile
-error-advice-permission-denied = This user is not allowed to do that. Ask an administrator for the right, or use a profile with more rights
-error-advice-forbid-operate = The server does not allow this operation on this resource (a project, for one, can only be deleted once its repositories and charts are gone)
-error-advice-not-exists = It does not exist (any more) on the server. Refresh the list and check the name
-error-advice-already-exists = Something with that name already exists. Choose another name
-error-advice-param-error = The server rejected a value. Check what you entered
-error-advice-internal-error = The server had an internal error. Try again later; if it persists, give the request id to the registry's administrator
-error-advice-success = The server reported success but the answer was incomplete
-error-advice-unknown-code = The server reported an error this client does not know
-error-advice-retry-or-report = Try again; if it keeps happening, give the request id to the registry's administrator
-error-advice-no-keyring = so passwords are kept for this session only and must be typed again next time
-error-advice-edit-profile = Edit the profile
# A CCR error envelope; $server is the server's own message, shown as it came.
error-ccr-proxy-auth = { -error-advice-proxy-auth }
error-ccr-proxy-auth-server = { -error-advice-proxy-auth } (server: { $server })
error-ccr-auth-failed = { -error-advice-auth-failed }
error-ccr-auth-failed-server = { -error-advice-auth-failed } (server: { $server })
error-ccr-permission-denied = { -error-advice-permission-denied }
error-ccr-permission-denied-server = { -error-advice-permission-denied } (server: { $server })
error-ccr-forbid-operate = { -error-advice-forbid-operate }
error-ccr-forbid-operate-server = { -error-advice-forbid-operate } (server: { $server })
error-ccr-not-exists = { -error-advice-not-exists }
error-ccr-not-exists-server = { -error-advice-not-exists } (server: { $server })
error-ccr-already-exists = { -error-advice-already-exists }
error-ccr-already-exists-server = { -error-advice-already-exists } (server: { $server })
error-ccr-param-error = { -error-advice-param-error }
error-ccr-param-error-server = { -error-advice-param-error } (server: { $server })
error-ccr-internal-error = { -error-advice-internal-error }
error-ccr-internal-error-server = { -error-advice-internal-error } (server: { $server })
error-ccr-success = { -error-advice-success }
error-ccr-success-server = { -error-advice-success } (server: { $server })
error-ccr-unknown-code = { -error-advice-unknown-code }
error-ccr-unknown-code-server = { -error-advice-unknown-code } (server: { $server })
# An answer that is not the CCR envelope; $answer is "HTTP 502, text/html" (status and type).
error-answer-unavailable = The registry, or a proxy in front of it, is not available ({ $answer }: “{ $excerpt }”). Try again later
error-answer-unavailable-empty = The registry, or a proxy in front of it, is not available ({ $answer }, empty body). Try again later
error-answer-proxy-auth = { -error-advice-proxy-auth } ({ $answer }: “{ $excerpt }”)
error-answer-proxy-auth-empty = { -error-advice-proxy-auth } ({ $answer }, empty body)
error-answer-refused = The server refused the credentials ({ $answer }: “{ $excerpt }”). Check the user name and password in the profile
error-answer-refused-empty = The server refused the credentials ({ $answer }, empty body). Check the user name and password in the profile
error-answer-not-found = Nothing answers at this address ({ $answer }: “{ $excerpt }”). Check the endpoint URL and the instance id in the profile
error-answer-not-found-empty = Nothing answers at this address ({ $answer }, empty body). Check the endpoint URL and the instance id in the profile
error-answer-not-ccr = The server's answer is not a CCR answer ({ $answer }: “{ $excerpt }”). Check that the endpoint points at the registry itself and not at a proxy or a login page
error-answer-not-ccr-empty = The server's answer is not a CCR answer ({ $answer }, empty body). Check that the endpoint points at the registry itself and not at a proxy or a login page
error-incomplete-list-missing = The server's answer was incomplete (it reports { $total ->
        [one] { $total } item
       *[other] { $total } items
    } in all but holds no “{ $field }” list), so the list cannot be shown. { -error-advice-retry-or-report }
error-incomplete-list-unreadable = The server's answer was incomplete (its “{ $field }” is not a list), so the list cannot be shown. { -error-advice-retry-or-report }
error-incomplete-object-missing = The server's answer was incomplete (it holds no “{ $field }” object), so it cannot be shown. { -error-advice-retry-or-report }
error-too-many-items = The server sent { $received ->
        [one] { $received } item
       *[other] { $received } items
    } for a page of { $page_size }, far more than asked, so the answer was refused. Check that the endpoint points at the registry itself; if it does, tell the registry's administrator
error-answer-too-large = The server's answer is larger than { $mib } MiB, more than any answer of this API should be, so it was not read. Check that the endpoint points at the registry itself
error-not-a-chart = The server did not send a chart archive. Nothing was saved
error-not-a-chart-typed = The server did not send a chart archive (it sent { $content_type }). Nothing was saved
error-not-a-chart-excerpt = The server did not send a chart archive: “{ $excerpt }”. Nothing was saved
error-not-a-chart-typed-excerpt = The server did not send a chart archive (it sent { $content_type }): “{ $excerpt }”. Nothing was saved
error-download-damaged-empty = The chart archive arrived incomplete or damaged (the file is empty). Nothing was saved; try the download again
error-download-damaged-not-gzip = The chart archive arrived incomplete or damaged (the file is not gzip-compressed). Nothing was saved; try the download again
error-download-damaged-compressed = The chart archive arrived incomplete or damaged (the compressed data is damaged: { $detail }). Nothing was saved; try the download again
error-download-damaged-not-tar = The chart archive arrived incomplete or damaged (the content is not a tar archive: { $detail }). Nothing was saved; try the download again
# The network failed; $detail is the system's own words.
error-transport-timeout = { $host } did not answer in time. Check the network, or raise the timeouts in the profile
error-transport-refused = Nothing is listening at { $host }. Check the endpoint's host and port, and that the registry is running
error-transport-dns = The host name of { $host } could not be found. Check the endpoint URL
error-transport-tls = The secure connection to { $host } failed ({ $detail }). If the registry uses its own certificate authority, add its CA file to the profile
error-transport-truncated = The connection to { $host } failed (the transfer ended after { $received } of { $expected } bytes). Check the network and try again
error-transport-other = The connection to { $host } failed ({ $detail }). Check the network and try again
error-cancelled = Cancelled
error-write-file = Could not write the file: { $detail }. Check that the folder exists, is writable and has free space
error-internal = Something went wrong inside ccr-desk ({ $detail }). Try again; if it keeps happening, please report it
error-ca-file-unreadable = Cannot read the CA file { $path }: { $detail }. Pick an existing PEM file in the profile
error-ca-file-invalid = The CA file { $path } holds no usable PEM certificate. Pick the registry's CA certificate in PEM form
error-ca-file-invalid-detail = The CA file { $path } holds no usable PEM certificate ({ $detail }). Pick the registry's CA certificate in PEM form
error-http-client = Cannot set up the HTTP client: { $detail }
error-request-url = Cannot build a request URL from the endpoint: { $detail }
error-endpoint-unparsable = The endpoint is not a valid URL ({ $detail }); write it like https://registry.example.com
error-endpoint-scheme = The endpoint must start with https:// (http:// is allowed only for this computer)
error-endpoint-insecure = Plain http:// is allowed only for this computer (localhost, 127.0.0.1, ::1); use https://
error-endpoint-no-host = The endpoint has no host name
error-endpoint-extra-parts = The endpoint must be only scheme, host and port, like https://registry.example.com:8443
# The document's input rules, checked before a request is sent.
error-required-project-name = Project name is required
error-required-repository-name = Repository name is required
error-required-path-segment = A name in the request path is required
error-required-summary = Summary is required
error-required-detail = Detail is required
error-required-password = Password is required
error-required-username = User name is required
error-required-digest = Digest is required
error-required-chart-name = Chart name is required
error-required-chart-version = Chart version is required
error-length-project-name = Project name must be { $min } to { $max } characters long (it has { $actual })
error-length-repository-name = Repository name must be { $min } to { $max } characters long (it has { $actual })
error-length-path-segment = A name in the request path must be { $min } to { $max } characters long (it has { $actual })
error-length-summary = Summary must be { $min } to { $max } characters long (it has { $actual })
error-length-detail = Detail must be { $min } to { $max } characters long (it has { $actual })
error-length-password = Password must be { $min } to { $max } characters long (it has { $actual })
error-length-username = User name must be { $min } to { $max } characters long (it has { $actual })
error-length-digest = Digest must be { $min } to { $max } characters long (it has { $actual })
error-length-chart-name = Chart name must be { $min } to { $max } characters long (it has { $actual })
error-length-chart-version = Chart version must be { $min } to { $max } characters long (it has { $actual })
error-rule-project-characters = Project name may hold only lower-case letters, digits and . _ -
error-rule-project-ends = Project name must start and end with a lower-case letter or a digit
error-rule-project-doubled = Project name must not have two of . _ - in a row
error-rule-not-dot-segment = A name in the request path must not be . or ..
error-rule-repository-characters = Repository name may hold only lower-case letters, digits and the separators . _ - /
error-rule-repository-ends = Repository name must not start or end with a separator
error-rule-repository-doubled = Repository name must not have two separators in a row
error-rule-password-upper = Password needs at least one upper-case letter
error-rule-password-lower = Password needs at least one lower-case letter
error-rule-password-digit = Password needs at least one digit
error-rule-username-characters = User name must not hold a colon or control characters
error-rule-digest-form = Digest must look like sha256:<64 hex digits>
error-rule-digest-algorithm = Digest must use the sha256, sha384 or sha512 algorithm
error-rule-digest-hex = Digest must look like sha256:<64 lower-case hex digits>
error-rule-chart-name-characters = Chart name may hold only letters, digits and . _ -, starting with a letter or digit
error-rule-chart-version-characters = Chart version may hold only letters, digits and . + - _
# A chart archive on disk.
error-archive-empty = Not a chart archive: the file is empty
error-archive-not-gzip = Not a chart archive: the file is not gzip-compressed (a chart archive is a .tgz file)
error-archive-compressed-damaged = Not a chart archive: the compressed data is damaged ({ $detail })
error-archive-not-tar = Not a chart archive: the content is not a tar archive ({ $detail })
error-archive-no-chart-yaml = Not a Helm chart: the archive has no Chart.yaml
error-chart-yaml-too-large = Chart.yaml is not valid YAML: it is larger than { $kib } KiB
error-chart-yaml-not-utf8 = Chart.yaml is not valid YAML: it is not UTF-8 text
error-chart-yaml-invalid = Chart.yaml is not valid YAML: { $detail }
error-chart-yaml-not-fields = Chart.yaml is not valid YAML: it does not hold “key: value” fields
error-archive-too-large = Not read to the end: the archive unpacks to more than { $mib } MiB and no Chart.yaml was found before that
error-archive-unreadable = Could not read { $path }: { $detail }
error-path-check = Could not check { $path }: { $detail }
# Problems of a profile, shown beside its fields.
error-profile-name-required = Name is required
error-profile-name-taken = Another profile already has this name
error-profile-endpoint-required = Endpoint is required
error-profile-instance-id-required = Instance id is required
error-profile-instance-id-dot = Instance id must not be . or ..
error-profile-registry-address = Registry address must be a host name with an optional port, like registry.example.com:5000
error-profile-connect-timeout = Connect timeout must be { $min } to { $max } seconds
error-profile-read-timeout = Read timeout must be { $min } to { $max } seconds
error-profile-request-deadline = Request deadline must be { $min } to { $max } seconds
# The profiles file; $problem is a whole sentence from one of the messages above.
error-profile-no-config-dir = Cannot find a folder for settings on this computer; make sure your home folder is set and start the app again
error-profile-read = Cannot read the profiles file { $path }: { $detail }. Check that you may read it
error-profile-write = Cannot save the profiles file { $path }: { $detail }. Check that the folder exists and that you may write to it
error-profile-encode = Cannot write the profiles as text: { $detail }. Check the CA file paths of your profiles
error-profile-endpoint = The endpoint cannot be used: { $problem }. { -error-advice-edit-profile }
error-profile-invalid = The profile cannot be used: { $problem }. { -error-advice-edit-profile }
error-settings-moved-aside-not-utf8 = The profiles file could not be understood (it is not UTF-8 text). It was kept as { $path } and the app started without profiles
error-settings-moved-aside-line = The profiles file could not be understood (line { $line }: { $detail }). It was kept as { $path } and the app started without profiles
error-settings-moved-aside = The profiles file could not be understood ({ $detail }). It was kept as { $path } and the app started without profiles
# The keyring.
error-keyring-unavailable = No keyring is available ({ $detail }), { -error-advice-no-keyring }
error-keyring-open-failed = No keyring is available (opening it failed unexpectedly), { -error-advice-no-keyring }
error-keyring-no-answer = No keyring is available (it did not answer in time), { -error-advice-no-keyring }
error-keyring-locked = The keyring is locked or refused access ({ $detail }); unlock it and try again
error-keyring-platform = The keyring failed ({ $detail }); check that the keyring service is running and try again
error-keyring-unreadable = The keyring holds a password for this profile that cannot be read; type the password again
error-keyring-damaged = The keyring's data is damaged ({ $detail }); repair it with the keyring's own tool
error-keyring-too-long = The keyring refused the entry: the { $attribute } is longer than its limit of { $limit } characters
error-keyring-invalid = The keyring refused the entry: the { $attribute } { $reason }
error-keyring-ambiguous = The keyring holds { $count ->
        [one] { $count } password
       *[other] { $count } passwords
    } for this profile; remove the extra ones with the keyring's own tool
error-keyring-stopped = The keyring operation stopped unexpectedly. Try again
error-keyring-other = The keyring failed: { $detail }
# Connecting a profile; $facts is "HTTP 404, CCR.CodeErrNotExists" (status and code).
error-no-password = No password is stored for this profile
error-no-password-keyring = No password is stored for this profile ({ $problem })
error-wrong-instance = The server at this endpoint has no registry instance with this id ({ $facts }). Check the endpoint URL and the instance id in the profile
error-wrong-instance-server = The server at this endpoint has no registry instance with this id ({ $facts }, server: { $server }). Check the endpoint URL and the instance id in the profile
error-wrong-instance-request = The server at this endpoint has no registry instance with this id ({ $facts }, request id { $request_id }). Check the endpoint URL and the instance id in the profile
error-wrong-instance-server-request = The server at this endpoint has no registry instance with this id ({ $facts }, server: { $server }, request id { $request_id }). Check the endpoint URL and the instance id in the profile
error-keyring-turned-off = The keyring is turned off ({ $how }), { -error-advice-no-keyring }


## Index: search, storage, offline, the artifacts over the index
session-work-indexing = Indexing the registry
# A moment in local time: "09:14, 1 Dec".
time-moment = { $time }, { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
offline-banner = Offline: showing what was indexed at { $at }
offline-banner-unknown-time = Offline: showing what the index holds
offline-banner-read-only = Nothing can be changed until the registry answers again; the app keeps checking.
offline-read-only-hint = Offline: the registry cannot be reached, so nothing can be changed now.
nav-storage = Storage & index
search-field-hint = Search (Ctrl+K)
search-field-hover = Projects, repositories, tags, digests (at least 4 hex digits) and charts, in the local index
search-group-projects = Projects
search-group-repositories = Repositories
search-group-tags = Tags
search-group-digests = Digests
search-group-charts = Charts
search-group-more = { $shown } of { $total }
search-hit-tag = tag { $tag }
search-hit-platform-image = { $digest }, a platform image of { $index }
search-no-results = Nothing in the index matches “{ $text }”.
search-no-index = The local index is not open, so there is nothing to search yet.
search-searching = Searching…
search-failed = The search failed: the local index could not be read. Try again, or clear the index on the Storage & index screen.
search-index-empty = The index is empty: index the registry on the Storage & index screen to search it.
search-freshness = { $artifacts ->
        [one] Index: 1 artifact, whole registry indexed { $ago }
       *[other] Index: { $artifacts } artifacts, whole registry indexed { $ago }
    }
search-freshness-never = { $artifacts ->
        [one] Index: 1 artifact; the whole registry was never indexed
       *[other] Index: { $artifacts } artifacts; the whole registry was never indexed
    }
search-keys-hint = ⏶ ⏷ choose · Enter open · Esc close
artifacts-mode-pages = Page by page
artifacts-mode-pages-hint = The server's pages, as it lists them: always current
artifacts-mode-whole = Whole repository
artifacts-mode-whole-hint = Every artifact the local index holds: filter by tag and sort the whole repository
artifacts-index-unavailable = The local index is not open, so the whole repository cannot be shown. Use Page by page.
artifacts-index-read-failed = The local index could not be read. Try again, or clear the index on the Storage & index screen.
artifacts-index-reading = Reading the index…
artifacts-index-empty = The index holds no artifact of this repository yet. Re-index it to read every page.
artifacts-index-no-match = No indexed artifact matches the filter.
artifacts-index-tag-filter = Tag
artifacts-index-tag-filter-hint = part of a tag
artifacts-index-digest-filter = Only { $digest } ✖
artifacts-index-digest-filter-hint = Show every artifact again
artifacts-index-untagged-only = Untagged only
artifacts-index-order-hint = Sorts the whole repository, not just a page
artifacts-index-order-pushed = Push time
artifacts-index-order-pulled = Pull time
artifacts-index-order-size = Size
artifacts-index-order-tag = Tag (as versions)
artifacts-index-descending = Newest, largest or highest first; click for the other way
artifacts-index-ascending = Oldest, smallest or lowest first; click for the other way
artifacts-index-count = { $total ->
        [one] 1 artifact in the index
       *[other] { $total } artifacts in the index
    }
artifacts-index-reindex = Re-index
artifacts-index-reindex-hint = Read every page of this repository again into the index
artifacts-index-reindexing = Re-indexing…
artifacts-index-choosing-all = Choosing every artifact that matches…
export-column-project = Project
export-column-repository = Repository
storage-no-index = No local index is open for this profile, so there is nothing to show. The system may have no cache folder, or the index file could not be opened
storage-reading = Reading the local index…
storage-never-indexed = Nothing indexed yet — index the registry to see what uses the storage
storage-index-empty = The registry had no projects when it was last indexed
# $ago is "3 hours ago", $at a moment like "09:14, 1 Dec".
storage-last-complete = Last complete indexing { $ago } ({ $at })
storage-never-complete = The registry has not been indexed completely yet
storage-holds = The local index holds { $projects ->
        [one] 1 project
       *[other] { $projects } projects
    }, { $repositories ->
        [one] 1 repository
       *[other] { $repositories } repositories
    }, { $artifacts ->
        [one] 1 artifact
       *[other] { $artifacts } artifacts
    }, { $tags ->
        [one] 1 tag
       *[other] { $tags } tags
    } and { $charts ->
        [one] 1 chart
       *[other] { $charts } charts
    }
storage-not-listed = { $count ->
        [one] 1 repository has
       *[other] { $count } repositories have
    } not been fully listed yet
storage-unfinished = The last indexing did not finish; the next one continues where it stopped
storage-crawl-now = Index the registry now
storage-crawl-now-hint = Lists every project, repository, artifact and chart into the local index
storage-crawl-running-hint = Indexing is running
storage-crawl-offline-hint = The registry cannot be reached now
storage-stop = Stop
storage-stop-hint = Stops indexing; the next run continues where it stopped
storage-clear = Clear the index…
storage-clear-hint = Forgets the local copy; nothing on the registry changes
storage-clear-title = Clear the local index
# $server is the registry's host and port.
storage-clear-name = Local index of { $server }
storage-clear-consequence = Only the local copy is forgotten: nothing on the registry changes. Index the registry again to see its storage.
storage-phase = { $phase ->
        [starting] Starting
        [projects] Listing the projects
        [repositories] Listing the repositories and charts
        [artifacts] Listing the artifacts
       *[done] Finishing
    }
# $settled is "yes" once every listing has announced its total.
storage-progress = { $settled ->
        [yes] { $done } of { $expected } items
       *[no] { $done } of { $expected } items so far
    } · { $requests ->
        [one] 1 request
       *[other] { $requests } requests
    } · { $retries ->
        [one] 1 retry
       *[other] { $retries } retries
    }
storage-last-finished = Last indexing finished
storage-last-details = { $items ->
        [one] 1 item
       *[other] { $items } items
    } · { $requests ->
        [one] 1 request
       *[other] { $requests } requests
    } · { $removed } removed from the index
storage-last-cancelled = Last indexing was stopped; the next one continues where it stopped
storage-last-gone = Last indexing found its project or repository no longer on the registry, and removed it from the local index
storage-last-failed = Last indexing failed
# $problem is a whole sentence (the client's error, worded).
storage-crawl-error-api = { $target ->
        [projects] The projects could not be listed
        [project] Project { $project } could not be read
        [repository] Repository { $project }/{ $repository } could not be read
        [repositories] The repositories of { $project } could not be listed
        [artifacts] The artifacts of { $project }/{ $repository } could not be listed
       *[charts] The charts could not be listed
    }. { $problem }
storage-crawl-error-index = The local index failed: { $problem }
storage-crawl-error-task = Indexing stopped unexpectedly
storage-index-error-no-cache = The system has no cache folder for the local index
# $detail is the system's own words.
storage-index-error-io = The index file { $path } could not be read or written ({ $detail })
storage-index-error-corrupt = The index file is damaged; it is rebuilt the next time it is opened
storage-index-error-database = The index database failed ({ $detail })
storage-index-error-unusable = The index file { $path } is still unusable after it was rebuilt
storage-index-error-task = The work on the local index stopped unexpectedly
storage-load-error = The local index could not be read
storage-settings = Index settings
storage-settings-when = Index the whole registry
storage-settings-on-connect = Each time it connects
storage-settings-when-asked = Only when asked
storage-settings-concurrency = Requests in flight
storage-settings-concurrency-hint = How many requests indexing keeps in flight at once ({ $min } to { $max })
storage-settings-repeat = Index again on a schedule
storage-settings-every = Minutes between runs
storage-totals = Whole registry: { $artifacts ->
        [one] 1 artifact
       *[other] { $artifacts } artifacts
    }, { $tags ->
        [one] 1 tag
       *[other] { $tags } tags
    }, { $untagged } untagged, { $size } summed
storage-totals-used = The server reports { $used } of storage used
storage-size-note = Summed sizes count a layer shared by several artifacts once for each of them, so they can exceed the server's storage used, which counts each layer once.
storage-column-project = Project
storage-column-repository = Repository
storage-column-repositories = Repositories
storage-column-artifacts = Artifacts
storage-column-tags = Tags
storage-column-server-tags = Server's tags
storage-column-untagged = Untagged
storage-column-size = Summed size
storage-column-storage-used = Storage used
storage-column-quota = Quota
storage-column-complete = Indexed
storage-sort-hover = Sort the whole list by this column; click again to reverse
storage-sort-hint = Whole list sorted by { $column ->
        [name] name
        [repositories] repositories
        [artifacts] artifacts
        [tags] tags
        [untagged] untagged
        [size] summed size
        [used] storage used
        [quota] quota
        [server-tags] the server's tags
       *[complete] completeness
    } ({ $order ->
        [ascending] ascending
       *[descending] descending
    })
storage-project-hover = Show its repositories below
storage-repository-hover = Open its artifacts
storage-unknown = —
storage-unknown-hint = The server did not report it
storage-quota-unlimited = Unlimited
storage-complete = Complete
storage-complete-hint = Every repository and artifact was listed into the local index
storage-partial = Partial
storage-partial-hint = Some of its repositories, or their artifacts, have not been fully listed yet, so the totals may be short. Index the registry to complete them.
storage-partial-repository-hint = Its artifacts have not been fully listed yet, so the totals may be short
storage-row-loading = …
storage-repositories-heading = Repositories of { $project }
storage-pick-project = Click a project to see its repositories
storage-no-repositories = The local index holds no repositories of { $project }
storage-largest-heading = Largest repositories
storage-largest-empty = Nothing of any size indexed yet
storage-bar-label = { $repository }: { $size }
storage-bar-hover = Click to open its artifacts
export-column-storage-used-mib = Storage used (MiB)
export-column-quota-bytes = Quota (bytes, -1 unlimited)
export-column-tag-count = Tags
export-column-summary = Summary
export-column-chart = Chart
export-column-latest-version = Latest version
export-column-versions = Versions
export-column-kind = Kind
export-column-name = Name
export-column-place = Where
session-work-indexing-progress = Indexing the registry: { $done } of { $expected } items
search-group-more-at-least = { $shown } of more than { $total }
export-column-size-bytes = Summed size (bytes)
repositories-reindex-hint = Read this project's repositories and all their artifacts again into the index
repositories-reindexing = Re-indexing the project…
repositories-reindex-unavailable = Re-indexing needs the local index and a registry that answers
storage-rebuilt = The index file could not be used ({ $why }), so it was started again: it fills up as you browse or when the registry is indexed.
storage-rebuilt-corrupt = it was damaged
storage-rebuilt-not-an-index = it was not an index of ccr-desk
storage-rebuilt-version = it was written in format { $found }, which this version cannot read
storage-migrated = The index file was brought from format { $from } to this version's.


## Cleanup: the activity log, bulk delete, the cleanup planner, comparing artifacts
nav-activity = Activity log
activity-explain = Every change made from this app, newest first. It is kept on this computer and never holds a password.
activity-no-log = This system gives no folder for per-user data, so no activity log is kept.
activity-empty = No change matches these filters yet.
activity-read-failed = The activity log could not be read: { $detail }
activity-read-slow = Reading the activity log took too long.
activity-unreadable = { $count ->
    [one] One line of the log file could not be read (it may have been cut off by a crash) and is skipped.
   *[other] { $count } lines of the log file could not be read (they may have been cut off by a crash) and are skipped.
}
activity-count = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
activity-filter-profile = Profile
activity-filter-operation = Operation
activity-filter-result = Result
activity-filter-time = Time
activity-filter-any = Any
activity-range-hour = Last hour
activity-range-day = Last 24 hours
activity-range-week = Last 7 days
activity-range-month = Last 30 days
activity-range-all = All time
activity-column-time = Time
activity-column-profile = Profile · user
activity-column-operation = Operation
activity-column-target = Target
activity-column-result = Result
activity-column-answer = HTTP · code · request id
activity-fact-user = User
activity-fact-http-status = HTTP status
activity-fact-ccr-code = CCR code
activity-fact-request-id = Request id
activity-curl-title = The same request with curl
activity-curl-copy-hint = Copy the curl command; curl asks for the password when it runs
activity-curl-explain = The password is never written: curl asks for it. A password reset's new password shows as <redacted>; put the new one in its place before running it.
activity-curl-none = No request was sent for this change (it was made on this computer).
notice-copied-curl = Copied the curl command
activity-via-bulk = { $operation } (bulk delete)
activity-via-cleanup = { $operation } (cleanup)
activity-op-create-project = Create project
activity-op-delete-project = Delete project
activity-op-create-repository = Create repository
activity-op-delete-repository = Delete repository
activity-op-delete-artifact = Delete artifact
activity-op-delete-chart = Delete chart
activity-op-reset-password = Reset password
activity-op-save-profile = Save profile
activity-op-delete-profile = Delete profile
activity-result-succeeded = Succeeded
activity-result-failed = Failed
list-delete-chosen = Delete selected…
list-clear-chosen = Clear selection
list-clear-chosen-hint = Choose no row (Esc)
list-chosen = { $count ->
    [one] 1 selected
   *[other] { $count } selected
}
bulk-confirm-title = { $count ->
    [one] Delete 1 item?
   *[other] Delete { $count } items?
}
bulk-confirm-explain = These go from the registry, and cannot be brought back:
bulk-confirm-delete = { $count ->
    [one] Delete 1 item
   *[other] Delete { $count } items
}
bulk-untagged = untagged
bulk-tags = tags: { $tags }
bulk-no-tags = none
bulk-and-more = …and { $count } more
bulk-total-size = In all: { $size }
bulk-tags-go = { $count ->
    [one] 1 tag goes with them.
   *[other] { $count } tags go with them.
}
bulk-running-title = Deleting…
bulk-running-progress = { $done } of { $total }
bulk-cancelling = Stopping: the deletes already sent finish, nothing else starts.
bulk-cancel-hint = What has not started yet is not deleted
bulk-report-title = Bulk delete finished
bulk-report-deleted = { $count ->
    [one] 1 deleted
   *[other] { $count } deleted
}
bulk-report-failed = { $count ->
    [one] 1 failed
   *[other] { $count } failed
}
bulk-report-skipped = { $count ->
    [one] 1 skipped: it changed since the plan was made
   *[other] { $count } skipped: they changed since the plan was made
}
bulk-report-cancelled = { $count ->
    [one] 1 not deleted: cancelled before it started
   *[other] { $count } not deleted: cancelled before they started
}
bulk-end-deleted = Deleted
bulk-end-failed-id = { $reason } (request id { $request_id })
bulk-end-check-failed = Not deleted: the repository could not be read again to check it. { $reason }
bulk-end-cancelled = Not deleted: cancelled before it started.
skip-gone = Skipped: the repository no longer lists it (deleted elsewhere, or with an index that held it).
skip-tags-changed = Skipped: its tags changed since the plan (then: { $before }; now: { $after }).
skip-tags-unknown = Skipped: the server's answer did not say which tags it has.
skip-child-of-index = Skipped: the image index { $index } references it now.
skip-pulled-since-plan = Skipped: it was pulled since the plan was made.
list-compare = Compare
list-compare-hint = The two chosen artifacts side by side, with the differences marked
list-compare-two = Choose exactly two artifacts to compare them
compare-title = Compare artifacts
compare-differences = { $count ->
    [0] They are the same in every fact shown.
    [one] 1 fact differs (marked ≠).
   *[other] { $count } facts differ (marked ≠).
}
compare-first = First
compare-second = Second
compare-differs = These values differ
compare-same = These values are the same
compare-fact-digest = Digest
compare-fact-tags = Tags
nav-cleanup = Cleanup planner
cleanup-explain = Plan a cleanup from the local index and see exactly what would go before anything is deleted. Each artifact is checked against the server again just before its delete.
cleanup-no-index = The cleanup planner works from the local index, which is not open.
cleanup-scope = Scope
cleanup-scope-registry = Whole registry
cleanup-scope-project = A project
cleanup-scope-repository = A repository
cleanup-project = Project
cleanup-repository = Repository
cleanup-scope-missing = Name the project (and the repository) to plan for.
cleanup-rules = Rules: an artifact goes when every rule ticked holds
cleanup-rule-untagged = Untagged
cleanup-rule-untagged-hint = It has no tag.
cleanup-rule-pushed = Pushed more than
cleanup-rule-pushed-hint = Its push time is older than that.
cleanup-rule-not-pulled = Not pulled for
cleanup-rule-not-pulled-hint = Its last pull is older than that; never pulled counts from its push.
cleanup-rule-keep-newest = Keep the newest
cleanup-rule-keep-newest-hint = By push time; these stay whatever the other rules say.
cleanup-rule-tag-matches = A tag matches
cleanup-rule-tag-does-not-match = No tag matches
cleanup-rule-pattern-hint = * is any text, ? one character; the whole tag must match.
cleanup-days = days ago
cleanup-per-repository = per repository
cleanup-saved = { $count ->
    [0] No saved rules
    [one] 1 saved rule set
   *[other] { $count } saved rule sets
}
cleanup-saved-hint = Load a rule set saved earlier
cleanup-save-name = Name
cleanup-save-name-hint = e.g. weekly untagged
cleanup-save = Save rules
cleanup-save-hint = Keep these rules under this name, to run them again later
cleanup-forget = Forget
cleanup-make-plan = Make the plan
cleanup-make-plan-hint = Work out what the rules would delete; nothing is deleted yet
cleanup-planning = Making the plan…
cleanup-no-rule = Tick at least one rule.
cleanup-empty-pattern = A ticked tag rule needs a pattern.
cleanup-index-failed = The index could not be read: { $detail }
cleanup-stopped = Making the plan stopped unexpectedly.
cleanup-no-plan = No plan yet: choose a scope and rules, then Make the plan.
cleanup-totals = { $count ->
    [one] 1 artifact
   *[other] { $count } artifacts
} in { $repositories ->
    [one] 1 repository
   *[other] { $repositories } repositories
} would go, freeing up to { $size } ({ $tags ->
    [one] 1 tag goes
   *[other] { $tags } tags go
} with { $count ->
    [one] it
   *[other] them
})
cleanup-totals-more = { $examined ->
    [one] Of 1 artifact examined
   *[other] Of { $examined } artifacts examined
}; { $protected } spared by a protection; { $kept } kept as the newest. Planned at { $made }.
cleanup-unknown-sizes = { $count ->
    [one] The size of 1 of them is not known and is not counted.
   *[other] The sizes of { $count } of them are not known and are not counted.
}
cleanup-shared-layers = Layers shared with artifacts that stay are not freed, so the space really freed can be smaller.
cleanup-gap-not-in-index = The index holds nothing of this scope yet: index it first.
cleanup-gap-projects = The registry's projects were never completely indexed: the plan may miss some.
cleanup-gap-repositories = The repositories of { $project } were never completely indexed: the plan may miss some.
cleanup-gap-artifacts = { $project }/{ $repository } is only partly indexed: the plan may miss artifacts there.
cleanup-gaps-more = …and { $count } more partly indexed places.
cleanup-executed = This plan has been carried out; make it again to see what is left.
cleanup-list-chosen = Would go ({ $count })
cleanup-list-protected = Spared ({ $count })
cleanup-list-empty = Nothing here.
cleanup-execute = { $count ->
    [one] Delete 1 artifact…
   *[other] Delete { $count } artifacts…
}
cleanup-execute-hint = Asks once more, then deletes; each artifact is read again first and skipped if it changed
cleanup-column-repository = Repository
cleanup-column-chosen-by = Chosen by
cleanup-column-protection = Why it stays
cleanup-column-status = Status
cleanup-status-goes = would go
cleanup-status-spared = spared
cleanup-by-untagged = untagged
cleanup-by-pushed = pushed long ago
cleanup-by-not-pulled = not pulled
cleanup-by-tag-matches = tag matches
cleanup-by-tag-does-not-match = no tag matches
cleanup-by-outside-newest = not among the newest
cleanup-list-separator = {", "}
cleanup-protect-tags-unknown = its tags are not known
cleanup-protect-child = { $count ->
    [one] a platform image of the kept index { $index }
   *[other] a platform image of { $count } kept indexes
}
cleanup-protect-tagged-index = { $count ->
    [one] a tagged index whose platform image stays
   *[other] a tagged index whose { $count } platform images stay
}
cleanup-plan-here = Plan a cleanup…
cleanup-plan-here-project-hint = Open the cleanup planner for this project
cleanup-plan-here-repository-hint = Open the cleanup planner for this repository
cleanup-pattern = pattern
bulk-empty-projects = Also delete everything in them first: every repository with its artifacts, and every chart
bulk-empty-projects-hint = Without this, a project that is not empty is refused by the server and reported
cleanup-report-title = Cleanup finished
activity-fact-profile = Profile
bulk-repositories-consequence = Each repository goes with every artifact and tag in it.
bulk-charts-consequence = Each chart goes with all of its versions.
curl-copy = Copy as curl
curl-copy-hint = Copy the same request as a command; curl asks for the password: { $command }
cleanup-indexes-take-children = { $count ->
    [one] 1 multi-platform image index would go: the registry may delete its platform images with it.
   *[other] { $count } multi-platform image indexes would go: the registry may delete their platform images with them.
}
