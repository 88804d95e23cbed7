package io.github.kcprovisioning.scim.group;

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
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.GroupAttributeEntity;
import org.keycloak.models.jpa.entities.GroupEntity;

import java.util.List;
import java.util.OptionalLong;

/**
 * Runs a SCIM group list request over the realm's groups (organization groups excluded) within the calling client's
 * {@link ClientScope}: the page, and a count only when the page does not show the total.
 */
final class GroupQuery {

    record Page(long total, List<GroupEntity> groups) {
    }

    private final EntityManager em;
    private final RealmModel realm;
    private final GroupFilterFields fields = new GroupFilterFields();
    private final ClientScope clientScope;

    GroupQuery(EntityManager em, RealmModel realm, ClientScope clientScope) {
        this.em = em;
        this.realm = realm;
        this.clientScope = clientScope;
    }

    /** The page first, then the count only when the page does not show the total ({@link ListRequest#totalFromPage}). */
    Page run(ListRequest request) throws ScimException {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        List<GroupEntity> groups = List.of();
        if (request.count() > 0) {
            CriteriaQuery<GroupEntity> page = cb.createQuery(GroupEntity.class);
            Root<GroupEntity> root = page.from(GroupEntity.class);
            page.select(root).where(where(cb, page, root, request));
            Expression<?> sort = request.sortBy() == null ? root.get("name")
                    : fields.sortColumn(sortRef(request.sortBy())).value().of(cb, page, root);
            page.orderBy(request.descending() ? cb.desc(sort) : cb.asc(sort), cb.asc(root.get("id")));
            groups = em.createQuery(page).setFirstResult(request.startIndex() - 1).setMaxResults(request.count()).getResultList();
        }
        OptionalLong known = request.totalFromPage(groups.size());
        if (known.isPresent()) {
            return new Page(known.getAsLong(), groups);
        }
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<GroupEntity> countRoot = count.from(GroupEntity.class);
        count.select(cb.count(countRoot)).where(where(cb, count, countRoot, request));
        return new Page(em.createQuery(count).getSingleResult(), groups);
    }

    private Predicate where(CriteriaBuilder cb, AbstractQuery<?> query, Root<GroupEntity> root, ListRequest request) throws ScimException {
        Predicate scope = cb.and(cb.equal(root.get("realm"), realm.getId()), cb.equal(root.get("type"), GroupModel.Type.REALM.intValue()),
                clientScope.groups(cb, root));
        if (request.filter() == null) {
            return scope;
        }
        return cb.and(scope, new CriteriaFilterTranslator(cb, query, root, GroupAttributeEntity.class, "group", fields)
                .translate(request.filter()));
    }

    private static AttributeRef sortRef(String sortBy) throws BadRequestException {
        try {
            return AttributeRef.of(Path.fromString(sortBy));
        } catch (BadRequestException e) {
            throw BadRequestException.invalidValue("Invalid sortBy '" + sortBy + "'");
        }
    }
}
