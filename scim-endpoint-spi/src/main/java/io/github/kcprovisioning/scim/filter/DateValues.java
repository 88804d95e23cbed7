package io.github.kcprovisioning.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** xsd:dateTime operands of filters, compared with Keycloak's epoch-millisecond timestamps. */
final class DateValues {

    private DateValues() {
    }

    static long parseMillis(JsonNode operand, Filter filter) throws BadRequestException {
        try {
            return OffsetDateTime.parse(operand.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw BadRequestException.invalidFilter("'" + filter.getAttributePath() + "' is a dateTime; '" + operand.asText()
                    + "' is not an RFC 3339 date-time with offset");
        }
    }
}
