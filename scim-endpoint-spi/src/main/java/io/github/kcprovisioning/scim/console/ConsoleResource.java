package io.github.kcprovisioning.scim.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.Map;

/**
 * {@code /realms/{realm}/provisioning/console/}: the static sync-status and SCIM-settings page (plain HTML, JavaScript and
 * CSS from this JAR). It holds no data and no secrets: it signs the admin in through {@link ConsoleClient} and calls the
 * admin REST APIs with the admin's token, so authorization stays there.
 */
public class ConsoleResource {

    private static final String FOLDER = "/provisioning-console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    /** scripts, styles and API calls only from this server; no framing (the page drives admin actions) */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final UriInfo uri;

    public ConsoleResource(UriInfo uri) {
        this.uri = uri;
    }

    /** the page itself; without the trailing slash, redirects so that its relative asset URLs resolve inside the folder */
    @GET
    public Response page() {
        String path = uri.getAbsolutePath().getPath();
        if (!path.endsWith("/")) {
            return Response.seeOther(uri.getAbsolutePathBuilder().replacePath(path + "/").replaceQuery(uri.getRequestUri().getRawQuery()).build()).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String type = FILES.get(name);
        InputStream content = type == null ? null : ConsoleResource.class.getResourceAsStream(FOLDER + name);
        if (content == null) {
            throw new NotFoundException();
        }
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(content, type).cacheControl(noCache)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
