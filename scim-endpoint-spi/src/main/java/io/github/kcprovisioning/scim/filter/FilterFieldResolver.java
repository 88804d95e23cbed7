package io.github.kcprovisioning.scim.filter;

import com.unboundid.scim2.common.exceptions.BadRequestException;

/** Tells the filter translator where a SCIM attribute is stored for one resource type. */
public interface FilterFieldResolver {

    /**
     * @param elementType inside a complex filter like {@code phoneNumbers[type eq "work" and value sw "+49"]}, the element
     *                    type the other conditions are about; {@code null} when not restricted
     * @throws BadRequestException invalidFilter when the attribute cannot be evaluated in the database
     */
    FilterField resolve(AttributeRef attribute, String elementType) throws BadRequestException;
}
