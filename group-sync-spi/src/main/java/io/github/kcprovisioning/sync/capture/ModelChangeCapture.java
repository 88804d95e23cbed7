package io.github.kcprovisioning.sync.capture;

import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Captures changes from Keycloak's model events, which fire inside the transaction on every path (admin REST, our SCIM
 * endpoint, JIT mappers) whether or not the realm has events enabled.
 */
public class ModelChangeCapture implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupMemberJoinEvent join) {
            recorder(join).memberAdded(join.getRealm(), join.getGroup().getId(), join.getUser().getId(), join.getUser().getUsername());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent leave) {
            recorder(leave).memberRemoved(leave.getRealm(), leave.getGroup().getId(), leave.getUser().getId(), leave.getUser().getUsername());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            recorder(removed).groupDeleted(removed.getRealm(), removed.getGroup().getId(), removed.getGroup().getName());
        } else if (event instanceof GroupModel.GroupCreatedEvent
                || event instanceof GroupModel.GroupUpdatedEvent
                || event instanceof GroupModel.GroupPathChangeEvent) {
            GroupModel.GroupEvent changed = (GroupModel.GroupEvent) event;
            recorder(changed).groupChanged(changed.getRealm(), changed.getGroup().getId(), changed.getGroup().getName());
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            new ChangeRecorder(removed.getKeycloakSession())
                    .userDeleted(removed.getRealm(), removed.getUser().getId(), removed.getUser().getUsername());
        }
    }

    private static ChangeRecorder recorder(GroupModel.GroupEvent event) {
        return new ChangeRecorder(event.getKeycloakSession());
    }
}
