package io.github.kcprovisioning.it.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

/**
 * An independent SCIM 2.0 service, not written by us: SCIMMY + SCIMMY Routers from npm (see
 * {@code src/test/resources/scimmy/}), installed with npm into {@code target/scimmy} and run with Node.js.
 */
final class ScimmyServer implements AutoCloseable {

    private static final Path HOME = Path.of("target", "scimmy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private ScimmyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ScimmyServer start(String token) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "Node.js and npm are needed for the SCIMMY target");
        Files.createDirectories(HOME);
        for (String file : new String[]{"package.json", "server.mjs"}) {
            try (InputStream in = ScimmyServer.class.getResourceAsStream("/scimmy/" + file)) {
                Files.copy(in, HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(HOME.resolve("node_modules/scimmy-routers"))) {
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(HOME.resolve("npm-install.log").toFile()).start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("npm install failed, see " + HOME.resolve("npm-install.log").toAbsolutePath());
            }
        }
        Process node = new ProcessBuilder("node", "server.mjs", "0", token).directory(HOME.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            node.destroyForcibly();
            throw new IllegalStateException("SCIMMY server did not start: " + line);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "scimmy-output");
        drain.setDaemon(true);
        drain.start();
        return new ScimmyServer(node, Integer.parseInt(line.substring("listening ".length()).trim()));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/scim/v2";
    }

    /** what the server stores, read outside the SCIM API */
    JsonNode state() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/state")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode user(String userName) {
        for (JsonNode user : state().path("users")) {
            if (userName.equals(user.path("userName").asText())) {
                return user;
            }
        }
        return null;
    }

    JsonNode group(String displayName) {
        for (JsonNode group : state().path("groups")) {
            if (displayName.equals(group.path("displayName").asText())) {
                return group;
            }
        }
        return null;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
