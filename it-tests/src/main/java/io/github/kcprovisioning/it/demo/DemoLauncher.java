package io.github.kcprovisioning.it.demo;

import io.github.kcprovisioning.it.harness.DistributionProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's "run" command ({@code mvn -Pdemo package}): starts the Keycloak distribution under {@code .demo/} with the
 * freshly built providers, imports the demo realms on first start and keeps running until Ctrl-C.
 * <p>System properties: {@code demo.home}, {@code demo.providers} (set by the demo profile), {@code demo.port} (8080),
 * {@code demo.managementPort} (9000), {@code demo.reset=true} to forget the data of earlier runs and re-import the realms.
 */
public final class DemoLauncher {
    /** the admin-console page of the outbound targets is a declarative page */
    private static final String DECLARATIVE_UI = "--features=declarative-ui";

    private DemoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(System.getProperty("demo.home")).toAbsolutePath().normalize();
        Path providers = Path.of(System.getProperty("demo.providers")).toAbsolutePath().normalize();
        int port = Integer.getInteger("demo.port", 8080);
        int managementPort = Integer.getInteger("demo.managementPort", 9000);
        boolean reset = Boolean.getBoolean("demo.reset");
        String url = "http://127.0.0.1:" + port;

        Path imports = home.getParent().resolve("realm-import");
        writeRealmImports(imports, url);
        Path log = home.getParent().resolve("keycloak.log");
        System.out.println("Starting Keycloak " + home.getFileName() + " with the providers of " + providers
                + " (first start builds the server: about a minute). Log: " + log);
        DistributionProcess server = DistributionProcess.start(new DistributionProcess.Options(home, providers, log, port,
                managementPort, reset, Optional.of(imports), List.of(), List.of(DECLARATIVE_UI), "-Xms64m -Xmx768m"));
        printWelcome(url);
        int exit = server.waitFor();
        System.out.println("Keycloak stopped (exit code " + exit + ").");
    }

    private static void writeRealmImports(Path target, String url) {
        try {
            Files.createDirectories(target);
            for (Map.Entry<String, String> realm : DemoRealms.render(url).entrySet()) {
                Files.writeString(target.resolve(realm.getKey()), realm.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write demo realms to " + target, e);
        }
    }

    private static void printWelcome(String url) {
        System.out.println("""

                ==================================================================================
                 Keycloak provisioning demo is running (Ctrl-C stops it)
                  Admin console        %1$s/admin/            admin / admin
                  Demo realm login     %1$s/realms/demo/account/   -> "Upstream IdP (OIDC)" or "(SAML)"
                  Upstream IdP users   alice / alice, bob / bob, carol / carol
                  SCIM base URL        %1$s/realms/demo/provisioning/scim/v2   (client scim-client / scim-client-secret)
                  Outbound target      demo realm -> %1$s/realms/downstream/provisioning/scim/v2
                                       (see the pushed users in the admin console, realm "downstream")
                ==================================================================================
                """.formatted(url));
    }
}
