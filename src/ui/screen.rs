//! Where the user is: the screens of the app and their route strings (kept in the settings file
//! so the app opens where it was left).

/// The two tabs of a project: its repositories and its charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectTab {
    /// The project's repositories.
    Repositories,
    /// The project's Helm charts.
    Charts,
}

/// A screen of the central panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The list of projects.
    Projects,
    /// One project's repositories (its first tab).
    Repositories {
        /// The project's name.
        project: String,
    },
    /// One project's Helm charts (its second tab).
    ProjectCharts {
        /// The project's name.
        project: String,
    },
    /// One repository of a project: its artifacts.
    Repository {
        /// The project's name.
        project: String,
        /// The repository's name inside the project (may hold `/`).
        name: String,
    },
    /// The Helm charts of every project.
    Charts,
    /// The storage totals and the registry index (its walks and settings).
    Storage,
    /// The cleanup planner.
    Cleanup,
    /// The activity log: the changes made from the app.
    Activity,
    /// The account (registry access credential).
    Account,
    /// The connection profiles.
    Profiles,
}

impl Screen {
    /// The route string saved in the settings: `projects`, `projects/NAME/repositories`,
    /// `projects/NAME/repositories/REPOSITORY`, `projects/NAME/charts`, `charts`, `account`,
    /// `profiles`.
    pub fn route(&self) -> String {
        match self {
            Self::Projects => "projects".to_owned(),
            Self::Repositories { project } => format!("projects/{project}/repositories"),
            Self::ProjectCharts { project } => format!("projects/{project}/charts"),
            Self::Repository { project, name } => {
                format!("projects/{project}/repositories/{name}")
            }
            Self::Charts => "charts".to_owned(),
            Self::Storage => "storage".to_owned(),
            Self::Cleanup => "cleanup".to_owned(),
            Self::Activity => "activity".to_owned(),
            Self::Account => "account".to_owned(),
            Self::Profiles => "profiles".to_owned(),
        }
    }

    /// The screen a route string names; `None` for anything unknown.
    pub fn from_route(route: &str) -> Option<Self> {
        match route.split('/').collect::<Vec<_>>().as_slice() {
            ["projects"] => Some(Self::Projects),
            ["projects", name, tab] if !name.is_empty() => {
                let project = (*name).to_owned();
                match *tab {
                    "repositories" => Some(Self::Repositories { project }),
                    "charts" => Some(Self::ProjectCharts { project }),
                    _ => None,
                }
            }
            ["projects", project, "repositories", name @ ..]
                if !project.is_empty()
                    && !name.is_empty()
                    && name.iter().all(|p| !p.is_empty()) =>
            {
                Some(Self::Repository {
                    project: (*project).to_owned(),
                    name: name.join("/"),
                })
            }
            ["charts"] => Some(Self::Charts),
            ["storage"] => Some(Self::Storage),
            ["cleanup"] => Some(Self::Cleanup),
            ["activity"] => Some(Self::Activity),
            ["account"] => Some(Self::Account),
            ["profiles"] => Some(Self::Profiles),
            _ => None,
        }
    }

    /// The project this screen belongs to, if any.
    pub fn project(&self) -> Option<&str> {
        match self {
            Self::Repositories { project }
            | Self::ProjectCharts { project }
            | Self::Repository { project, .. } => Some(project),
            _ => None,
        }
    }

    /// The tab of `project` this is: its repositories or its charts.
    pub fn project_tab(project: &str, tab: ProjectTab) -> Self {
        let project = project.to_owned();
        match tab {
            ProjectTab::Repositories => Self::Repositories { project },
            ProjectTab::Charts => Self::ProjectCharts { project },
        }
    }

    /// The screen one level up (artifacts → the project's repositories → projects); `None` at
    /// the top.
    pub fn parent(&self) -> Option<Self> {
        match self {
            Self::Repository { project, .. } => Some(Self::Repositories {
                project: project.clone(),
            }),
            Self::Repositories { .. } | Self::ProjectCharts { .. } => Some(Self::Projects),
            Self::Projects
            | Self::Charts
            | Self::Storage
            | Self::Cleanup
            | Self::Activity
            | Self::Account
            | Self::Profiles => None,
        }
    }

    /// Whether this screen needs a connection to show anything.
    pub fn needs_connection(&self) -> bool {
        !matches!(self, Self::Profiles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_and_unknown_routes_are_refused() {
        for screen in [
            Screen::Projects,
            Screen::Repositories {
                project: "demo".into(),
            },
            Screen::ProjectCharts {
                project: "ml-models".into(),
            },
            Screen::Repository {
                project: "demo".into(),
                name: "team/frontend/web".into(),
            },
            Screen::Charts,
            Screen::Storage,
            Screen::Cleanup,
            Screen::Activity,
            Screen::Account,
            Screen::Profiles,
        ] {
            assert_eq!(Screen::from_route(&screen.route()), Some(screen));
        }
        for bad in [
            "",
            "projects/",
            "projects//charts",
            "projects/a/b",
            "projects/a/repositories/",
            "projects/a/repositories/x//y",
            "nope",
        ] {
            assert_eq!(Screen::from_route(bad), None, "{bad}");
        }
    }
}
