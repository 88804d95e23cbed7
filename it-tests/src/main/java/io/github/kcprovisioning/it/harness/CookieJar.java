package io.github.kcprovisioning.it.harness;

import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookie store of a test browser. Unlike the JDK's {@code CookieManager} it sends {@code Secure} cookies over plain HTTP:
 * Keycloak marks its login cookies Secure even on {@code http://127.0.0.1}, and browsers treat localhost as a secure context.
 */
final class CookieJar {
    private record Key(String domain, String path, String name) {
    }

    private final Map<Key, HttpCookie> cookies = new ConcurrentHashMap<>();

    void store(URI from, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                String domain = cookie.getDomain() != null ? stripDot(cookie.getDomain()) : from.getHost();
                String path = cookie.getPath() != null ? cookie.getPath() : defaultPath(from);
                Key key = new Key(domain, path, cookie.getName());
                if (cookie.hasExpired()) {
                    cookies.remove(key);
                } else {
                    cookies.put(key, cookie);
                }
            }
        }
    }

    /** The Cookie header value for a request to {@code uri}, or an empty string. */
    String headerFor(URI uri) {
        String host = uri.getHost();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return cookies.entrySet().stream()
                .filter(e -> host.equals(e.getKey().domain()) || host.endsWith("." + e.getKey().domain()))
                .filter(e -> path.startsWith(e.getKey().path()))
                .filter(e -> !e.getValue().hasExpired())
                .map(e -> e.getKey().name() + "=" + e.getValue().getValue())
                .collect(Collectors.joining("; "));
    }

    private static String stripDot(String domain) {
        return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    private static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.lastIndexOf('/') <= 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }
}
