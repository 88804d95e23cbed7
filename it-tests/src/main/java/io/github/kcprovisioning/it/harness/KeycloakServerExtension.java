package io.github.kcprovisioning.it.harness;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Keycloak for the whole test run and stops it when JUnit closes its root store (after the last test),
 * or at JVM exit if the run is interrupted. A failed start is remembered so that later classes fail fast instead of
 * waiting for another start-up.
 */
public class KeycloakServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    private static KeycloakServer server(ExtensionContext context) {
        StartedServer started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StartedServer.class, key -> StartedServer.start(), StartedServer.class);
        return started.server();
    }

    /** Holds the server (or why it could not start) in JUnit's root store, which closes it at the end of the run. */
    static final class StartedServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final ManagedKeycloak server;
        private final RuntimeException startFailure;

        private StartedServer(ManagedKeycloak server, RuntimeException startFailure) {
            this.server = server;
            this.startFailure = startFailure;
        }

        static StartedServer start() {
            try {
                return new StartedServer(ServerSettings.fromSystemProperties().launch(), null);
            } catch (RuntimeException e) {
                return new StartedServer(null, e);
            }
        }

        KeycloakServer server() {
            if (startFailure != null) {
                throw new IllegalStateException("Keycloak did not start for this test run: " + startFailure.getMessage(), startFailure);
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
