package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

/**
 * A realm's SCIM endpoint settings: the component of the admin-console page {@code scim-endpoint-settings}, written and
 * read through Keycloak's own component admin REST API ({@code /admin/realms/{realm}/components}), as an administrator
 * or {@code kcadm.sh} would.
 */
public final class ScimEndpointSettings {

    public static final String PAGE = "scim-endpoint-settings";
    public static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    private ScimEndpointSettings() {
    }

    /** the representation a client posts: {@code config} values are lists (multi-valued settings have several) */
    public static ComponentRepresentation representation(Map<String, List<String>> config) {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("SCIM endpoint");
        component.setProviderId(PAGE);
        component.setProviderType(PAGE_TYPE);
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        config.forEach(values::put);
        component.setConfig(values);
        return component;
    }

    /** creates the realm's settings and returns the component's id; fails the test if the server refuses them */
    public static String create(RealmResource realm, Map<String, List<String>> config) {
        try (Response response = realm.components().add(representation(config))) {
            if (response.getStatus() != 201) {
                throw new AssertionError("HTTP " + response.getStatus() + ": " + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** tries to create settings the server must refuse; returns the HTTP status and the admin API's error message */
    public static Refusal createRefused(RealmResource realm, Map<String, List<String>> config) {
        try (Response response = realm.components().add(representation(config))) {
            return Refusal.of(response);
        }
    }

    /** replaces the config of the realm's settings */
    public static void update(RealmResource realm, String id, Map<String, List<String>> config) {
        ComponentRepresentation component = representation(config);
        component.setId(id);
        realm.components().component(id).update(component);
    }

    /** tries an update the server must refuse */
    public static Refusal updateRefused(RealmResource realm, String id, Map<String, List<String>> config) {
        ComponentRepresentation component = representation(config);
        component.setId(id);
        try {
            realm.components().component(id).update(component);
            throw new AssertionError("the update was accepted: " + config);
        } catch (WebApplicationException e) {
            return Refusal.of(e.getResponse());
        }
    }

    public static void delete(RealmResource realm, String id) {
        realm.components().component(id).remove();
    }

    /** the settings stored in the realm (entries of the page) */
    public static List<ComponentRepresentation> stored(RealmResource realm) {
        return realm.components().query(realm.toRepresentation().getId(), PAGE_TYPE).stream()
                .filter(component -> PAGE.equals(component.getProviderId())).toList();
    }

    /** what the admin REST API answered to refused settings */
    public record Refusal(int status, String message) {
        static Refusal of(Response response) {
            String body = response.readEntity(String.class);
            try {
                JsonNode json = ScimFixture.JSON.readTree(body);
                return new Refusal(response.getStatus(), json.path("errorMessage").asText(body));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
