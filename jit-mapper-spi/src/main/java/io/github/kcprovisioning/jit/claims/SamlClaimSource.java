package io.github.kcprovisioning.jit.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;

import java.util.List;
import java.util.Objects;

/**
 * Attributes of a SAML assertion, looked up by {@code Name} or {@code FriendlyName}.
 * Every attribute becomes a JSON array of its values as strings (SAML has no objects); the path's text is the attribute name.
 */
public final class SamlClaimSource implements ClaimSource {

    private final List<AttributeType> attributes;

    private SamlClaimSource(List<AttributeType> attributes) {
        this.attributes = attributes;
    }

    public static SamlClaimSource of(BrokeredIdentityContext context) {
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        if (!(assertion instanceof AssertionType type)) {
            return new SamlClaimSource(List.of());
        }
        return new SamlClaimSource(type.getAttributeStatements().stream()
                .map(AttributeStatementType::getAttributes)
                .flatMap(List::stream)
                .map(AttributeStatementType.ASTChoiceType::getAttribute)
                .filter(Objects::nonNull)
                .toList());
    }

    public static SamlClaimSource of(List<AttributeType> attributes) {
        return new SamlClaimSource(List.copyOf(attributes));
    }

    @Override
    public JsonNode read(ClaimPath path) {
        String name = path.text();
        ArrayNode values = null;
        for (AttributeType attribute : attributes) {
            if (name.equals(attribute.getName()) || name.equals(attribute.getFriendlyName())) {
                if (values == null) {
                    values = JsonNodeFactory.instance.arrayNode();
                }
                for (Object value : attribute.getAttributeValue()) {
                    if (value != null) {
                        values.add(value.toString());
                    }
                }
            }
        }
        return values;
    }
}
