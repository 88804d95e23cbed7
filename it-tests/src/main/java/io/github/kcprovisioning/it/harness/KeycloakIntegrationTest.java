package io.github.kcprovisioning.it.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class: the shared Keycloak server is started (once per test JVM) before it runs,
 * and test methods may declare a {@link KeycloakServer} parameter. Inherited, so a base class may carry it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(KeycloakServerExtension.class)
public @interface KeycloakIntegrationTest {
}
