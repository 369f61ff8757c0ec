//! Connect, disconnect and reconnect a profile's bind by hand (the Binds page's buttons).

use smpp_session::Transport;

use crate::binds::Reconnect;
use crate::console::Console;
use crate::db::profiles::{self, Profile};
use crate::error::CoreError;
use crate::model::BindState;

/// How a profile was last bound: enough to bind it again without asking for the password.
#[derive(Clone)]
pub(crate) struct BindRecipe {
    pub profile: Profile,
    pub password: String,
    pub reconnect: Reconnect,
    pub transport: Transport,
}

// Never print the password, even in debug output.
impl std::fmt::Debug for BindRecipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BindRecipe")
            .field("profile", &self.profile.name)
            .field("reconnect", &self.reconnect)
            .field("transport", &self.transport)
            .finish_non_exhaustive()
    }
}

impl Console {
    /// Unbinds the profile's binds politely and keeps them down (state Disconnected) until
    /// [`Console::connect_bind`]. Messages sent meanwhile fail at once with `not_bound`.
    pub async fn disconnect_bind(&self, profile: &str) -> Result<(), CoreError> {
        let slots: Vec<_> = self.inner().slots().into_iter().filter(|s| s.profile.name == profile).collect();
        if slots.is_empty() {
            return Err(CoreError::UnknownProfile(profile.into()));
        }
        for slot in &slots {
            slot.stop();
        }
        // Wait (briefly) for the unbinds to finish, so the status the caller reads is final.
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(3);
        while slots.iter().any(|s| s.status().state != BindState::Disconnected)
            && tokio::time::Instant::now() < deadline
        {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        Ok(())
    }

    /// Binds the profile again as it was last bound (same password and transport, the
    /// profile's current settings from the log), or, if it has not been bound in this session,
    /// with its stored password and its own TLS settings. Replaces any bind it still has, so
    /// this is also "reconnect". Returns once the first attempt is over, with the refusal if any.
    pub async fn connect_bind(&self, profile: &str) -> Result<(), CoreError> {
        let Some(recipe) = self.inner().recipe(profile) else {
            return self.connect_profile(profile).await.map(|_| ());
        };
        // Settings changed since (window, rate, timers) apply now.
        let fresh = profiles::get_profile_by_name(self.db(), profile).await?.unwrap_or(recipe.profile);
        self.bind_via(fresh, recipe.password, recipe.reconnect, recipe.transport).await
    }
}
