//! Where the user is: the screens of the app and their route strings (kept in the settings file
//! so the app opens where it was left).

/// The two tabs of a project.
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
    /// One project, on one of its tabs.
    Project {
        /// The project's name.
        name: String,
        /// Which tab is open.
        tab: ProjectTab,
    },
    /// The account (registry access credential).
    Account,
    /// The connection profiles.
    Profiles,
}

impl Screen {
    /// The route string saved in the settings: `projects`, `projects/NAME/repositories`,
    /// `projects/NAME/charts`, `account`, `profiles`.
    pub fn route(&self) -> String {
        match self {
            Self::Projects => "projects".to_owned(),
            Self::Project { name, tab } => format!(
                "projects/{name}/{}",
                match tab {
                    ProjectTab::Repositories => "repositories",
                    ProjectTab::Charts => "charts",
                }
            ),
            Self::Account => "account".to_owned(),
            Self::Profiles => "profiles".to_owned(),
        }
    }

    /// The screen a route string names; `None` for anything unknown.
    pub fn from_route(route: &str) -> Option<Self> {
        match route.split('/').collect::<Vec<_>>().as_slice() {
            ["projects"] => Some(Self::Projects),
            ["projects", name, tab] if !name.is_empty() => Some(Self::Project {
                name: (*name).to_owned(),
                tab: match *tab {
                    "repositories" => ProjectTab::Repositories,
                    "charts" => ProjectTab::Charts,
                    _ => return None,
                },
            }),
            ["account"] => Some(Self::Account),
            ["profiles"] => Some(Self::Profiles),
            _ => None,
        }
    }

    /// The project this screen belongs to, if any.
    pub fn project(&self) -> Option<&str> {
        match self {
            Self::Project { name, .. } => Some(name),
            _ => None,
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
            Screen::Project {
                name: "demo".into(),
                tab: ProjectTab::Repositories,
            },
            Screen::Project {
                name: "ml-models".into(),
                tab: ProjectTab::Charts,
            },
            Screen::Account,
            Screen::Profiles,
        ] {
            assert_eq!(Screen::from_route(&screen.route()), Some(screen));
        }
        for bad in ["", "projects/", "projects//charts", "projects/a/b", "nope"] {
            assert_eq!(Screen::from_route(bad), None, "{bad}");
        }
    }
}
