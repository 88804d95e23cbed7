package io.github.kcprovisioning.scim.user;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.filter.AttributeRef;
import io.github.kcprovisioning.scim.filter.CriteriaFilterTranslator;
import io.github.kcprovisioning.scim.query.ListRequest;
import io.github.kcprovisioning.scim.scope.ClientScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;

import java.util.List;
import java.util.OptionalLong;

/**
 * Runs a SCIM user list request against Keycloak's user tables: the page, and a count only when the page does not show the
 * total. Only local users of the realm are visible, and of them only those in the calling client's {@link ClientScope};
 * service-account users never are.
 */
final class UserQuery {

    record Page(long total, List<UserEntity> users) {
    }

    private final EntityManager em;
    private final RealmModel realm;
    private final UserFilterFields fields;
    private final ClientScope clientScope;

    UserQuery(EntityManager em, RealmModel realm, UserFilterFields fields, ClientScope clientScope) {
        this.em = em;
        this.realm = realm;
        this.fields = fields;
        this.clientScope = clientScope;
    }

    /** The page first, then the count only when the page does not show the total ({@link ListRequest#totalFromPage}). */
    Page run(ListRequest request) throws ScimException {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        List<UserEntity> users = List.of();
        if (request.count() > 0) {
            CriteriaQuery<UserEntity> page = cb.createQuery(UserEntity.class);
            Root<UserEntity> root = page.from(UserEntity.class);
            page.select(root).where(where(cb, page, root, request));
            Expression<?> sort = request.sortBy() == null ? root.get("username")
                    : fields.sortColumn(sortRef(request.sortBy())).value().of(cb, page, root);
            page.orderBy(request.descending() ? cb.desc(sort) : cb.asc(sort), cb.asc(root.get("id")));
            users = em.createQuery(page)
                    .setFirstResult(request.startIndex() - 1)
                    .setMaxResults(request.count())
                    .getResultList();
        }
        OptionalLong known = request.totalFromPage(users.size());
        if (known.isPresent()) {
            return new Page(known.getAsLong(), users);
        }
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<UserEntity> countRoot = count.from(UserEntity.class);
        count.select(cb.count(countRoot)).where(where(cb, count, countRoot, request));
        return new Page(em.createQuery(count).getSingleResult(), users);
    }

    private Predicate where(CriteriaBuilder cb, AbstractQuery<?> query, Root<UserEntity> root, ListRequest request) throws ScimException {
        Predicate scope = cb.and(cb.equal(root.get("realmId"), realm.getId()), cb.isNull(root.get("serviceAccountClientLink")),
                clientScope.users(cb, query, root));
        if (request.filter() == null) {
            return scope;
        }
        Predicate filter = new CriteriaFilterTranslator(cb, query, root, UserAttributeEntity.class, "user", fields)
                .translate(request.filter());
        return cb.and(scope, filter);
    }

    private static AttributeRef sortRef(String sortBy) throws BadRequestException {
        try {
            return AttributeRef.of(Path.fromString(sortBy));
        } catch (BadRequestException e) {
            throw BadRequestException.invalidValue("Invalid sortBy '" + sortBy + "'");
        }
    }
}
