package io.chargeclear.console.api;

import io.chargeclear.console.security.OperatorLogin;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The way in and out. The login form posts the admin token as the password to Quarkus' form mechanism
 * ({@code /j_security_check}), which checks it with {@link OperatorLogin} and answers an encrypted session cookie;
 * the token itself is never put in a URL, a page or a cookie.
 */
@Path("/")
public class LoginPage {

    private final SecurityIdentity identity;

    public LoginPage(SecurityIdentity identity) {
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed);
    }

    @GET
    @Path("login")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login() {
        return Templates.login(false);
    }

    @GET
    @Path("login-failed")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Response loginFailed() {
        return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.login(true)).build();
    }

    @GET
    @RolesAllowed(OperatorLogin.ROLE)
    public Response home() {
        return Response.seeOther(URI.create(PartnersPage.PAGE)).build();
    }

    @POST
    @Path("logout")
    @RolesAllowed(OperatorLogin.ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/login")).build();
    }
}
