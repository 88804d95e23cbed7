package io.github.kcprovisioning.scim.token;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Long-lived SCIM bearer tokens per client (Entra ID and other provisioning services want a static secret).
 * Tokens are 256 random bits; only their SHA-256 is stored (a fast hash suffices for secrets of that entropy and
 * allows an indexed lookup). Several tokens per client may exist at once, which is how they are rotated.
 */
public final class ScimTokens {

    public static final String PREFIX = "kcscim_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Issued(String id, String token, long createdAt) {
    }

    private final EntityManager em;

    public ScimTokens(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public static boolean looksLikeOne(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    public Issued issue(RealmModel realm, ClientModel client) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ScimTokenEntity entity = new ScimTokenEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setClientId(client.getId());
        entity.setTokenHash(hash(token));
        entity.setCreatedAt(System.currentTimeMillis());
        em.persist(entity);
        return new Issued(entity.getId(), token, entity.getCreatedAt());
    }

    public Optional<ScimTokenEntity> find(RealmModel realm, String token) {
        return em.createNamedQuery("ProvScimToken.byHash", ScimTokenEntity.class)
                .setParameter("hash", hash(token))
                .getResultStream()
                .filter(t -> t.getRealmId().equals(realm.getId()))
                .findFirst();
    }

    public List<ScimTokenEntity> list(RealmModel realm, ClientModel client) {
        return em.createNamedQuery("ProvScimToken.byClient", ScimTokenEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("clientId", client.getId())
                .getResultList();
    }

    public boolean revoke(RealmModel realm, ClientModel client, String tokenId) {
        ScimTokenEntity entity = em.find(ScimTokenEntity.class, tokenId);
        if (entity == null || !entity.getRealmId().equals(realm.getId()) || !entity.getClientId().equals(client.getId())) {
            return false;
        }
        em.remove(entity);
        return true;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
