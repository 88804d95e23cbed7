package io.github.kcprovisioning.sync.admin;

import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.sync.capture.OutboundEventListenerFactory;
import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.github.kcprovisioning.sync.outbox.OutboxStatus;
import io.github.kcprovisioning.sync.target.ConnectionCheck;
import io.github.kcprovisioning.sync.target.OutboundTargetProvider;
import io.github.kcprovisioning.sync.target.OutboundTargets;
import io.github.kcprovisioning.sync.target.TargetSettings;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.component.ComponentModel;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Status, dead letters, replay and full sync of a realm's outbound targets. */
@Produces(MediaType.APPLICATION_JSON)
public class OutboundAdminResource {

    private static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    OutboundAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("targets")
    public List<TargetStatus> targets() {
        auth.realm().requireViewRealm();
        return OutboundTargets.of(realm).map(this::statusOf).toList();
    }

    @GET
    @Path("targets/{id}")
    public TargetStatus status(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return statusOf(target(id));
    }

    @GET
    @Path("targets/{id}/dead-letters")
    public List<DeadLetter> deadLetters(@PathParam("id") String id, @QueryParam("first") @DefaultValue("0") int first,
                                        @QueryParam("max") @DefaultValue("100") int max) {
        auth.realm().requireViewRealm();
        if (first < 0 || max < 1 || max > MAX_PAGE) {
            throw new BadRequestException("first must be >= 0 and max between 1 and " + MAX_PAGE);
        }
        return outbox().deadLetters(target(id).getId(), first, max).stream().map(DeadLetter::of).toList();
    }

    @POST
    @Path("targets/{id}/dead-letters/replay")
    public Map<String, Integer> replayAll(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        int replayed = outbox().replayAllDead(target(id).getId(), System.currentTimeMillis());
        nudgeAfterCommit();
        return Map.of("replayed", replayed);
    }

    @POST
    @Path("targets/{id}/dead-letters/{seq}/replay")
    public Map<String, Integer> replayOne(@PathParam("id") String id, @PathParam("seq") long seq) {
        auth.realm().requireManageRealm();
        int replayed = outbox().replayDead(target(id).getId(), seq, System.currentTimeMillis());
        if (replayed == 0) {
            throw new NotFoundException("no dead letter " + seq + " for this target");
        }
        nudgeAfterCommit();
        return Map.of("replayed", replayed);
    }

    /** calls the target's ServiceProviderConfig with the target's credentials; the answer says how it went, never what is configured */
    @POST
    @Path("targets/{id}/test")
    public ConnectionCheck testConnection(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        return session.getProvider(OutboundTargetProvider.class, target(id)).checkConnection();
    }

    /** initial sync and reconcile: queue everything in scope; progress is the target's pending count going to zero */
    @POST
    @Path("targets/{id}/sync")
    public FullSync.Report sync(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        FullSync.Report report = new FullSync(session, realm, target(id), entityManager()).run();
        nudgeAfterCommit();
        return report;
    }

    private TargetStatus statusOf(ComponentModel target) {
        OutboxRepository outbox = outbox();
        long now = System.currentTimeMillis();
        Long oldestAge = outbox.oldestPendingCreatedAt(target.getId()).map(created -> (now - created) / 1000).orElse(null);
        OutboxEntry failure = outbox.lastFailure(target.getId()).orElse(null);
        return new TargetStatus(target.getId(), target.getName(), target.getProviderId(), TargetSettings.of(target).enabled(),
                outbox.count(target.getId(), OutboxStatus.PENDING), oldestAge,
                outbox.count(target.getId(), OutboxStatus.DEAD), outbox.count(target.getId(), OutboxStatus.DELIVERED),
                failure == null ? null : failure.getLastError(), failure == null ? null : failure.getSeq());
    }

    private ComponentModel target(String id) {
        ComponentModel target = realm.getComponent(id);
        if (target == null || !OutboundTargets.isTarget(target) || !realm.getId().equals(target.getParentId())) {
            throw new NotFoundException("no outbound target " + id + " in this realm");
        }
        return target;
    }

    private OutboxRepository outbox() {
        return new OutboxRepository(entityManager());
    }

    private EntityManager entityManager() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private void nudgeAfterCommit() {
        OutboundEventListenerFactory.nudgeDrainerAfterCommit(session);
    }
}
