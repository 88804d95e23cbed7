package io.github.kcprovisioning.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.Preconditions;
import io.github.kcprovisioning.scim.api.ResourceOperations;
import io.github.kcprovisioning.scim.api.ScimContext;
import io.github.kcprovisioning.scim.api.ScimErrors;
import io.github.kcprovisioning.scim.api.ScimResponses;
import io.github.kcprovisioning.scim.group.GroupOperations;
import io.github.kcprovisioning.scim.query.AttributeProjection;
import io.github.kcprovisioning.scim.user.UserOperations;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes /Bulk (RFC 7644 §3.7). Each operation is atomic on its own. For speed, operations run in chunks that share
 * one transaction; when any operation of a chunk fails, the chunk is rolled back and replayed one operation per
 * transaction, so that only the failing operation fails. {@code failOnErrors} stops processing after that many errors.
 */
public final class BulkProcessor {

    private static final String BULK_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final String BULK_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    private static final int CHUNK = 100;

    /** Outcome of one operation, rendered into the bulk response. */
    private record Outcome(BulkOperation operation, int status, String location, String version, String createdId, JsonNode error) {
        boolean failed() {
            return status >= 400;
        }
    }

    /** Leaves a transaction by exception, which makes Keycloak roll it back. */
    private static final class ChunkFailed extends RuntimeException {
        ChunkFailed() {
            super(null, null, false, false);
        }
    }

    private final ScimContext context;

    public BulkProcessor(ScimContext context) {
        this.context = context;
    }

    public Response run(ObjectNode body) throws ScimException {
        List<BulkOperation> operations = parse(body);
        int failOnErrors = body.path("failOnErrors").asInt(Integer.MAX_VALUE);
        if (failOnErrors <= 0) {
            failOnErrors = Integer.MAX_VALUE;
        }
        Map<String, String> createdIds = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(operations.size());
        int errors = 0;
        for (int from = 0; from < operations.size() && errors < failOnErrors; from += CHUNK) {
            List<BulkOperation> chunk = operations.subList(from, Math.min(from + CHUNK, operations.size()));
            List<Outcome> chunkOutcomes = runChunkTogether(chunk, createdIds);
            if (chunkOutcomes != null) {
                chunkOutcomes.stream().filter(o -> o.createdId() != null)
                        .forEach(o -> createdIds.put(o.operation().bulkId(), o.createdId()));
            } else {
                chunkOutcomes = new ArrayList<>();
                for (BulkOperation operation : chunk) {
                    Outcome outcome = runAlone(operation, createdIds);
                    if (outcome.createdId() != null) {
                        createdIds.put(operation.bulkId(), outcome.createdId());
                    }
                    chunkOutcomes.add(outcome);
                    if (outcome.failed() && ++errors >= failOnErrors) {
                        break;
                    }
                }
            }
            outcomes.addAll(chunkOutcomes);
        }
        return ScimResponses.ok(response(outcomes));
    }

    private List<BulkOperation> parse(ObjectNode body) throws ScimException {
        JsonNode schemas = body.path("schemas");
        if (!schemas.isArray() || !schemas.toString().contains(BULK_REQUEST_URN)) {
            throw BadRequestException.invalidValue("'schemas' must contain " + BULK_REQUEST_URN);
        }
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw BadRequestException.invalidSyntax("Bulk request needs an 'Operations' array");
        }
        int max = context.settings().maxBulkOperations();
        if (operations.size() > max) {
            throw new ScimException(413, null, "Bulk request has " + operations.size() + " operations; at most " + max + " are allowed");
        }
        List<BulkOperation> parsed = new ArrayList<>(operations.size());
        for (JsonNode operation : operations) {
            parsed.add(BulkOperation.parse(parsed.size(), operation));
        }
        return parsed;
    }

    /** @return the outcomes if every operation succeeded (and was committed together), else {@code null} (all rolled back) */
    private List<Outcome> runChunkTogether(List<BulkOperation> chunk, Map<String, String> createdIds) {
        Map<String, String> idsSoFar = new HashMap<>(createdIds);
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(context.session().getKeycloakSessionFactory(),
                    context.session().getContext(), session -> {
                        ScimContext chunkContext = context.inSession(session);
                        List<Outcome> outcomes = new ArrayList<>(chunk.size());
                        for (BulkOperation operation : chunk) {
                            Outcome outcome = execute(chunkContext, operation, idsSoFar);
                            if (outcome.failed()) {
                                throw new ChunkFailed();
                            }
                            if (outcome.createdId() != null) {
                                idsSoFar.put(operation.bulkId(), outcome.createdId());
                            }
                            outcomes.add(outcome);
                        }
                        return outcomes;
                    }, "scim-bulk-chunk");
        } catch (RuntimeException e) {
            // ChunkFailed, or a constraint violation at commit: rolled back, replayed one operation at a time
            return null;
        }
    }

    private Outcome runAlone(BulkOperation operation, Map<String, String> createdIds) {
        Outcome[] result = new Outcome[1];
        try {
            KeycloakModelUtils.runJobInTransactionWithResult(context.session().getKeycloakSessionFactory(),
                    context.session().getContext(), session -> {
                        result[0] = execute(context.inSession(session), operation, createdIds);
                        if (result[0].failed()) {
                            throw new ChunkFailed();
                        }
                        return result[0];
                    }, "scim-bulk-operation");
        } catch (RuntimeException e) {
            if (result[0] != null && result[0].failed()) {
                return result[0];
            }
            // a failure at commit, e.g. a unique constraint hit by a concurrent request
            result[0] = failure(operation, ScimErrors.fromRuntime(e));
        }
        return result[0];
    }

    /**
     * Runs one operation in a persistence context of its own on the transaction's connection (Keycloak's batch mode, as
     * its realm import uses): what earlier operations of the chunk wrote is flushed and no longer managed, so that the
     * automatic flush before each query does not re-check every entity of the chunk (quadratic in the chunk size).
     */
    private Outcome execute(ScimContext ctx, BulkOperation raw, Map<String, String> createdIds) {
        Outcome[] outcome = new Outcome[1];
        try {
            EntityManagers.runInBatch(ctx.session(), () -> {
                outcome[0] = executeInContext(ctx, raw, createdIds);
                if (outcome[0].failed()) {
                    throw new ChunkFailed(); // leaves without flushing what the failed operation began
                }
            }, true);
        } catch (RuntimeException e) {
            if (outcome[0] == null || !outcome[0].failed()) {
                outcome[0] = failure(raw, ScimErrors.fromRuntime(e)); // e.g. a unique constraint when the context was flushed
            }
        }
        return outcome[0];
    }

    private Outcome executeInContext(ScimContext ctx, BulkOperation raw, Map<String, String> createdIds) {
        try {
            BulkOperation operation = raw.resolve(createdIds);
            Response response = dispatch(ctx, operation);
            ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            String createdId = operation.method().equals("POST") && location != null
                    ? location.substring(location.lastIndexOf('/') + 1) : null;
            return new Outcome(raw, response.getStatus(), location, response.getHeaderString(HttpHeaders.ETAG), createdId, null);
        } catch (ScimException e) {
            return failure(raw, e);
        } catch (RuntimeException e) {
            return failure(raw, ScimErrors.fromRuntime(e));
        }
    }

    private static Outcome failure(BulkOperation operation, ScimException error) {
        return new Outcome(operation, error.getScimError().getStatus(), null, null, null, JsonUtils.valueToNode(error.getScimError()));
    }

    private static Response dispatch(ScimContext ctx, BulkOperation operation) throws ScimException {
        String[] segments = operation.path().substring(1).split("/");
        ResourceOperations resources = switch (segments[0]) {
            case "Users" -> new UserOperations(ctx);
            case "Groups" -> new GroupOperations(ctx);
            default -> throw BadRequestException.invalidValue("Bulk path '" + operation.path() + "' is not /Users or /Groups");
        };
        boolean collection = segments.length == 1;
        if (collection != operation.method().equals("POST") || segments.length > 2) {
            throw BadRequestException.invalidValue("Bulk " + operation.method() + " cannot target '" + operation.path() + "'");
        }
        Preconditions preconditions = new Preconditions(operation.version(), null);
        return switch (operation.method()) {
            case "POST" -> resources.create(data(operation));
            case "PUT" -> resources.replace(segments[1], data(operation), preconditions, AttributeProjection.all());
            case "PATCH" -> resources.patch(segments[1], data(operation), preconditions, AttributeProjection.all());
            default -> resources.delete(segments[1], preconditions);
        };
    }

    private static ObjectNode data(BulkOperation operation) throws BadRequestException {
        if (operation.data() instanceof ObjectNode object) {
            return object;
        }
        throw BadRequestException.invalidSyntax("Bulk operation " + operation.index() + " needs a 'data' object");
    }

    private static ObjectNode response(List<Outcome> outcomes) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        json.putArray("schemas").add(BULK_RESPONSE_URN);
        ArrayNode operations = json.putArray("Operations");
        for (Outcome outcome : outcomes) {
            ObjectNode op = operations.addObject();
            op.put("method", outcome.operation().method());
            if (outcome.operation().bulkId() != null) {
                op.put("bulkId", outcome.operation().bulkId());
            }
            if (outcome.location() != null) {
                op.put("location", outcome.location());
            }
            if (outcome.version() != null) {
                op.put("version", outcome.version());
            }
            op.put("status", String.valueOf(outcome.status()));
            if (outcome.error() != null) {
                op.set("response", outcome.error());
            }
        }
        return json;
    }

}
