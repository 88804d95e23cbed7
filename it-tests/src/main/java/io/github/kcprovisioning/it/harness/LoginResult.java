package io.github.kcprovisioning.it.harness;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.jsoup.nodes.Document;

/** The outcome of a login driven by {@link BrowserSession}. */
public record LoginResult(Page finalPage, String redirectUri) {

    /** True when the login ended at the client's redirect URI with an authorization code. */
    public boolean succeeded() {
        return authorizationCode().isPresent();
    }

    public Optional<String> authorizationCode() {
        return finalPage.leftServerTo()
                .filter(uri -> uri.toString().startsWith(redirectUri))
                .flatMap(LoginResult::codeParameter);
    }

    /** The error or alert text of the page the login stopped on (e.g. a themed "access denied" message). */
    public Optional<String> errorMessage() {
        return finalPage.leftServerTo().isPresent() ? Optional.empty() : finalPage.message();
    }

    public Document page() {
        return finalPage.document();
    }

    private static Optional<String> codeParameter(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        return Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("code="))
                .map(p -> p.substring("code=".length()))
                .findFirst();
    }
}
