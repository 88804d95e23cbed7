package io.github.kcprovisioning.it.harness;

import java.net.URI;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Where a {@link BrowserSession} navigation ended: either a page served by Keycloak, or a redirect that leaves the server
 * (e.g. to the client's redirect URI with an authorization code), which a test browser does not follow.
 */
public record Page(URI uri, int status, String body, Optional<URI> leftServerTo) {

    public Document document() {
        return Jsoup.parse(body, uri.toString());
    }

    /** The text of Keycloak's error or alert message on this page, if any. */
    public Optional<String> message() {
        return document().select("#kc-error-message, .kc-feedback-text, .alert-error, .pf-m-danger, #input-error")
                .stream().map(e -> e.text().trim()).filter(t -> !t.isEmpty()).findFirst();
    }
}
