package io.github.kcprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Drives Keycloak's login pages over HTTP the way a browser does: keeps cookies, follows redirects while they stay on the
 * server, fills and submits HTML forms. One session is one browser profile.
 */
public final class BrowserSession {
    private static final int MAX_REDIRECTS = 20;

    private final KeycloakServer server;
    private final URI serverOrigin;
    private final CookieJar cookies = new CookieJar();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public BrowserSession(KeycloakServer server) {
        this.server = server;
        this.serverOrigin = URI.create(server.baseUrl());
    }

    /** GETs {@code url} and follows redirects until a page is served or a redirect leaves the server. */
    public Page get(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    /** Submits the first form matching {@code formSelector} with its own fields overridden by {@code values}. */
    public Page submit(Page page, String formSelector, Map<String, String> values) {
        Document document = page.document();
        Element form = document.selectFirst(formSelector);
        if (form == null) {
            throw new IllegalStateException("No form '" + formSelector + "' on " + page.uri() + ":\n" + document.title() + "\n" + document.text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("checkbox") || input.hasAttr("checked")) {
                fields.put(input.attr("name"), input.val());
            }
        }
        fields.putAll(values);
        String action = form.absUrl("action").isEmpty() ? page.uri().toString() : form.absUrl("action");
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return follow(send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Starts a login at the broker realm's app client, goes straight to the IdP ({@code kc_idp_hint}) and signs in there. */
    public LoginResult brokeredLogin(BrokerFixture broker, String username, String password) {
        return brokeredLogin(broker.brokerRealm(), broker.idpAlias(), broker.appClientId(), BrokerFixture.APP_REDIRECT_URI, username, password);
    }

    public LoginResult brokeredLogin(String brokerRealm, String idpAlias, String clientId, String redirectUri, String username, String password) {
        String authUrl = server.realmUrl(brokerRealm) + "/protocol/openid-connect/auth"
                + "?client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri)
                + "&response_type=code&scope=openid"
                + "&state=" + UUID.randomUUID() + "&nonce=" + UUID.randomUUID()
                + "&kc_idp_hint=" + encode(idpAlias);
        Page upstreamLogin = get(authUrl);
        if (upstreamLogin.leftServerTo().isPresent() || upstreamLogin.document().selectFirst("#kc-form-login") == null) {
            return new LoginResult(upstreamLogin, redirectUri);
        }
        Page afterLogin = submit(upstreamLogin, "#kc-form-login", Map.of("username", username, "password", password));
        return new LoginResult(afterLogin, redirectUri);
    }

    private Page follow(HttpResponse<String> response) {
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status < 300 || status >= 400 || location.isEmpty()) {
                Page page = new Page(response.uri(), status, response.body(), Optional.empty());
                if (!isSelfSubmittingForm(page)) {
                    return page;
                }
                // a SAML POST-binding page: a browser's JavaScript submits it on load
                return submit(page, "form", Map.of());
            }
            URI next = response.uri().resolve(location.get());
            if (!sameOrigin(next)) {
                return new Page(response.uri(), status, response.body(), Optional.of(next));
            }
            response = send(HttpRequest.newBuilder(next).GET());
        }
        throw new IllegalStateException("More than " + MAX_REDIRECTS + " redirects, last at " + response.uri());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(60)).header("Accept", "text/html");
        HttpRequest built = request.build();
        String cookieHeader = cookies.headerFor(built.uri());
        if (!cookieHeader.isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", cookieHeader).build();
        }
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            cookies.store(built.uri(), response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP " + built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSelfSubmittingForm(Page page) {
        return page.status() == 200 && page.body().contains("document.forms[0].submit()");
    }

    private boolean sameOrigin(URI uri) {
        return serverOrigin.getScheme().equals(uri.getScheme())
                && serverOrigin.getHost().equals(uri.getHost())
                && serverOrigin.getPort() == uri.getPort();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
