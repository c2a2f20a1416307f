//! What screens ask the app to do. Screens push commands while drawing; the app applies them
//! after the frame is drawn, so no screen changes another one's state mid-frame.

use std::path::PathBuf;

use secrecy::SecretString;

use super::Screen;
use crate::index::CrawlScope;
use crate::profile::{IndexSettings, Profile, ProfileId};

/// One request from a screen to the app.
pub enum Command {
    /// Show another screen.
    Navigate(Screen),
    /// Load the current screen's data again.
    Reload,
    /// Connect with this profile (switching to it, or reconnecting).
    Connect(ProfileId),
    /// The server refused the password: ask for it again.
    AskPassword,
    /// Ask for this profile's password (the user asked to type it).
    AskPasswordFor(ProfileId),
    /// Save this profile (new or edited); a password, when given, goes to the keyring.
    SaveProfile {
        /// The profile as edited.
        profile: Profile,
        /// A new password, or `None` to keep the stored one.
        password: Option<SecretString>,
    },
    /// Delete a profile and its stored password.
    DeleteProfile(ProfileId),
    /// A project was deleted: forget it in the navigation.
    ProjectDeleted(String),
    /// Ask once, then delete these (chosen among the search results).
    DeleteMany(Vec<crate::bulk_delete::DeleteItem>),
    /// Save a cleanup rule set by name (replacing one of the same name).
    SaveCleanupRules(crate::cleanup::SavedRules),
    /// Forget the cleanup rule set of this name.
    DeleteCleanupRules(String),
    /// The connected user's password was changed on the server: connect with the new one from
    /// now on, and save it in the keyring when `save` (otherwise the outdated stored password
    /// is removed, so the old password is never kept).
    UseNewPassword {
        /// The new password.
        password: SecretString,
        /// Whether to store it in the keyring.
        save: bool,
    },
    /// A chart was saved in this folder: suggest it for the next download.
    RememberDownloadFolder(PathBuf),
    /// Walk this part of the registry into the index now.
    Crawl(CrawlScope),
    /// Stop every walk of the registry (a registry walk resumes next time).
    CancelCrawls,
    /// Keep these index settings.
    SetIndexSettings(IndexSettings),
    /// Forget everything the index holds.
    ClearIndex,
    /// Show `screen` with the item `key` selected (a search result): an artifact's digest, a
    /// chart's name; `filter` is put in the screen's filter when given (a tag).
    Reveal {
        /// Where the item lives.
        screen: Screen,
        /// The item.
        key: String,
        /// A filter that shows it (a tag for an artifact).
        filter: Option<String>,
    },
}

/// The list screens push their commands into while drawing.
#[derive(Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Asks the app to do `command` after this frame.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// Takes every command pushed so far, oldest first.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}
