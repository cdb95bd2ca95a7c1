package io.chargeclear.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeclear.gateway.ocpi.OcpiException;
import io.chargeclear.gateway.partner.PartnerAnswer;
import io.chargeclear.gateway.persistence.StoredObject;
import io.chargeclear.model.ocpi.version.Loss;
import io.chargeclear.model.ocpi.version.OcpiTrees;
import io.chargeclear.model.ocpi.version.OcpiVersion;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator;
import io.chargeclear.model.ocpi.version.OcpiVersionTranslator.LocationPart;
import io.chargeclear.model.ocpi.version.RenderOptions;
import io.chargeclear.model.ocpi.version.RenderResult;
import io.chargeclear.model.ocpi.tokens.TokenType;
import io.chargeclear.model.ocpi.versions.ModuleID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * OCPI 2.2.1 and 2.3.0 objects side by side (ADR 0024): which tree a request came in on, reading a body in that
 * tree's version (a body of the other version is OCPI 2001 naming the field), keeping a stored object and an update
 * in one version, and rendering a stored object or a queued body for a receiver's version.
 * <p>
 * The hub stores an object in the version its owner pushed it in ({@code source_version}) and computes the canonical
 * form from it when another version needs it: 2.2.1 converts to the canonical form without loss, so this holds the
 * same information as storing the canonical form, and roaming between two 2.2.1 platforms stays free of any
 * conversion. An object whose updates arrive in both versions is kept in the canonical (2.3.0) form.
 */
@ApplicationScoped
public class VersionedObjects {

    /** The modules whose objects differ between the versions and are rendered per receiver. */
    private static final Set<String> RENDERED = Set.of("locations", "tariffs", "tokens", "sessions", "cdrs");

    private static final String TREE_230 = "/ocpi/2.3.0/";

    private static final Set<String> TOKEN_TYPES_221 = Arrays.stream(TokenType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private final OcpiBodies bodies;

    public VersionedObjects(OcpiBodies bodies) {
        this.bodies = bodies;
    }

    /** The version of the tree a request came in on: {@code /ocpi/2.3.0/...} or (every other OCPI path) 2.2.1. */
    public static OcpiVersion tree(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith(TREE_230) || path.startsWith(TREE_230.substring(1))
                ? OcpiVersion.V2_3_0 : OcpiVersion.V2_2_1;
    }

    /** A version as stored or queued; null (rows and jobs written before versions were kept) is 2.2.1. */
    public static OcpiVersion stored(String wire) {
        return wire == null ? OcpiVersion.V2_2_1 : OcpiVersion.parse(wire);
    }

    public static ModuleID module(String module) {
        return ModuleID.valueOf(module.toUpperCase(Locale.ROOT));
    }

    /**
     * A pushed object or PATCH body as a JSON object, strictly read ({@link OcpiBodies#object}) and in the tree's
     * version: a 2.3.0 Price or {@code tax_included} on the 2.2.1 tree, or a 2.2.1 Price on the 2.3.0 tree, is OCPI
     * 2001 naming the field; a 2.3.0 amount that is not a number too.
     */
    public ObjectNode read(String body, OcpiVersion tree, String module) {
        ObjectNode object = bodies.object(body);
        String wrong = tree == OcpiVersion.V2_2_1 ? fieldOf230(object) : priceOf221(object);
        if (wrong != null) {
            OcpiVersion other = tree == OcpiVersion.V2_2_1 ? OcpiVersion.V2_3_0 : OcpiVersion.V2_2_1;
            throw OcpiBodies.invalid("field '" + wrong + "' is OCPI " + other + ", not " + tree
                    + (tree == OcpiVersion.V2_2_1 ? " (a 2.2.1 Price has excl_vat and incl_vat)"
                    : " (a 2.3.0 Price has before_taxes and taxes)")
                    + "; a platform sends " + other + " objects to the /ocpi/" + other + " tree");
        }
        if (tree == OcpiVersion.V2_3_0) {
            try {
                OcpiVersionTranslator.toCanonical(module(module), tree, object);
            } catch (IllegalArgumentException e) {
                throw OcpiBodies.invalid(e.getMessage());
            }
        }
        return object;
    }

    /**
     * Checks a complete object against the OCPI records (cardinalities, lengths, closed enums, values the hub's
     * services can apply). A 2.3.0 object is checked as its 2.2.1 rendering, which keeps every field the two
     * versions share, plus the 2.3.0 rule that a tariff says {@code tax_included}; an object 2.2.1 cannot express
     * at all (a connector of a 2.3.0-only type pushed on its own) is checked for its prices only.
     *
     * @param part locations only: which object the URL names; null otherwise
     */
    public void check(ObjectNode object, OcpiVersion version, String module, Class<?> type221, LocationPart part) {
        if (version == OcpiVersion.V2_2_1) {
            bodies.read(object, type221);
            return;
        }
        ObjectNode copy = object.deepCopy();
        if ("tariffs".equals(module)) {
            String taxIncluded = object.path("tax_included").asText(null);
            if (taxIncluded == null || !Set.of("YES", "NO", "N/A").contains(taxIncluded)) {
                throw OcpiBodies.invalid("field 'tax_included' is required in an OCPI 2.3.0 tariff: YES, NO or N/A");
            }
            // checked as exclusive: whether 2.2.1 can carry an inclusive tariff is the receiver's matter
            copy.put("tax_included", "NO");
        }
        RenderResult view = part != null
                ? OcpiVersionTranslator.renderLocationPart(part, copy, OcpiVersion.V2_2_1, RenderOptions.defaults())
                : OcpiVersionTranslator.render(module(module), copy, OcpiVersion.V2_2_1, RenderOptions.defaults());
        if (view.rendered().isEmpty()) {
            return;
        }
        try {
            bodies.read(view.rendered().get(), type221);
        } catch (OcpiException e) {
            // the shared fields are named alike in both versions, except a Price's amount before taxes
            throw OcpiBodies.invalid(e.getMessage().replace("excl_vat", "before_taxes"));
        }
    }

    /**
     * The stored object and an update to it, in one version: the stored one's when they agree, else both in the
     * canonical (2.3.0) form, which 2.2.1 converts to without loss.
     *
     * @param current the hub's copy, or null
     */
    public static Aligned align(String module, StoredObject current, ObjectNode update, OcpiVersion tree) {
        if (current == null) {
            return new Aligned(null, update, tree);
        }
        OcpiVersion stored = stored(current.sourceVersion);
        ObjectNode body = (ObjectNode) parse(current.body);
        if (stored == tree) {
            return new Aligned(body, update, tree);
        }
        ModuleID id = module(module);
        return new Aligned(stored == OcpiVersion.V2_3_0 ? body : OcpiVersionTranslator.toCanonical(id, stored, body),
                update == null || tree == OcpiVersion.V2_3_0 ? update
                        : OcpiVersionTranslator.toCanonical(id, tree, update), OcpiVersion.V2_3_0);
    }

    /** A stored object and an update in one version; {@code current} null when the hub has no copy. */
    public record Aligned(ObjectNode current, ObjectNode update, OcpiVersion version) {
    }

    /**
     * The hub's next copy of an object after a push on {@code tree}, and its version: the pushed object itself when
     * {@code merge} is null (a whole object replaces the copy), else the update merged into the stored copy, both in
     * one version ({@link #align}).
     */
    public static Merged next(String module, StoredObject current, ObjectNode incoming, OcpiVersion tree,
                              BinaryOperator<ObjectNode> merge) {
        if (merge == null) {
            return new Merged(incoming, tree);
        }
        Aligned aligned = align(module, current, incoming, tree);
        return new Merged(merge.apply(aligned.current(), aligned.update()), aligned.version());
    }

    /** An object and the OCPI version it is written in. */
    public record Merged(ObjectNode object, OcpiVersion version) {
    }

    /**
     * A stored object as a reader on {@code to} sees it (GET on that version's tree); empty when that version cannot
     * carry it (an inclusive-tax tariff towards 2.2.1).
     */
    public static Rendering render(String module, StoredObject object, OcpiVersion to) {
        JsonNode body = parse(object.body);
        OcpiVersion from = stored(object.sourceVersion);
        if (from == to || !RENDERED.contains(module)) {
            return new Rendering(body, null, List.of());
        }
        return Rendering.of(renderFrom(module, LocationPart.LOCATION, body, from, to));
    }

    /**
     * A queued body as a receiver on {@code to} gets it: unchanged when it is already in that version or its module
     * is the same in both; else rendered from its canonical form. The locations path says which object it is:
     * {@code cc/pid/location[/evse[/connector]]}.
     */
    public static Rendering render(String module, String path, String body, String bodyVersion, OcpiVersion to) {
        OcpiVersion from = stored(bodyVersion);
        if (body == null || module == null || from == to || !RENDERED.contains(module)) {
            return new Rendering(null, body, List.of());
        }
        return Rendering.of(renderFrom(module, locationPart(path), parse(body), from, to));
    }

    /** An object of {@code from} rendered for {@code to} through its canonical form; {@code part}: locations only. */
    private static RenderResult renderFrom(String module, LocationPart part, JsonNode body, OcpiVersion from,
                                           OcpiVersion to) {
        ModuleID id = module(module);
        ObjectNode canonical = OcpiVersionTranslator.toCanonical(id, from, body);
        return "locations".equals(module)
                ? OcpiVersionTranslator.renderLocationPart(part, canonical, to, RenderOptions.forSource(from))
                : OcpiVersionTranslator.render(id, canonical, to, RenderOptions.forSource(from));
    }

    /**
     * The path of a queued push as the receiver's version spells it: a token's {@code ?type=} follows its rendered
     * type (2.3.0 {@code EMAID} is {@code OTHER} in 2.2.1); every other path is unchanged.
     */
    public static String renderPath(String module, String path, Rendering rendering) {
        if (!"tokens".equals(module) || path == null || rendering.object() == null) {
            return path;
        }
        String type = rendering.object().path("type").asText(null);
        int query = path.indexOf("?type=");
        if (type == null || query < 0) {
            return path;
        }
        return path.substring(0, query) + "?type=" + type;
    }

    /** A token type as a party on {@code to} may be sent it: 2.2.1 knows no {@code EMAID} nor other new types. */
    public static String tokenType(String type, OcpiVersion to) {
        if (to == OcpiVersion.V2_3_0 || type == null) {
            return type;
        }
        return TOKEN_TYPES_221.contains(type) ? type : TokenType.OTHER.name();
    }

    /**
     * A command body (StartSession, ReserveNow) as a 2.2.1 CPO may be sent it: its {@code token} rendered for 2.2.1
     * ({@code EMAID} as {@code OTHER}, fields 2.2.1 lacks left out); unchanged otherwise. Also what a command on the
     * 2.3.0 tree is checked as, since the two versions share every other field of the commands.
     */
    public static ObjectNode commandFor221(ObjectNode body) {
        if (!(body.get("token") instanceof ObjectNode token)) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        OcpiVersionTranslator.render(ModuleID.TOKENS, token, OcpiVersion.V2_2_1, RenderOptions.defaults())
                .rendered().ifPresent(rendered -> copy.set("token", rendered));
        return copy;
    }

    /**
     * A real-time authorization's answer as the CPO that asked gets it: a type the hub had to send to a 2.2.1 eMSP
     * as {@code OTHER} comes back as the type the CPO asked for, and a 2.3.0 eMSP's type a 2.2.1 CPO does not know
     * as {@code OTHER}. Unchanged when nothing differs.
     *
     * @param asked     the type in the CPO's request
     * @param sent      the type the eMSP was asked with
     * @param requester the version of the tree the CPO asked on
     */
    public static PartnerAnswer authorizationFor(PartnerAnswer answer, String asked, String sent,
                                                 OcpiVersion requester) {
        Optional<JsonNode> envelope = answer.envelope();
        if (envelope.isEmpty() || !(envelope.get().path("data").path("token") instanceof ObjectNode token)) {
            return answer;
        }
        String type = token.path("type").asText(null);
        String wanted = !asked.equals(sent) && sent.equals(type) ? asked : tokenType(type, requester);
        if (type == null || type.equals(wanted)) {
            return answer;
        }
        token.put("type", wanted);
        return new PartnerAnswer(answer.http(), answer.headers(), write(envelope.get()));
    }

    /** Location, EVSE or Connector, from a locations path {@code cc/pid/location[/evse[/connector]]}. */
    static LocationPart locationPart(String path) {
        String bare = path == null ? "" : path.split("\\?", 2)[0];
        int segments = bare.isEmpty() ? 0 : bare.split("/").length;
        return segments >= 5 ? LocationPart.CONNECTOR : segments == 4 ? LocationPart.EVSE : LocationPart.LOCATION;
    }

    /**
     * What a receiver gets: the object (as a tree) or its JSON text, or the reason it is withheld; and what it does
     * not get.
     */
    public record Rendering(JsonNode object, String text, List<Loss> losses, String withheld) {

        Rendering(JsonNode object, String text, List<Loss> losses) {
            this(object, text, losses, null);
        }

        static Rendering of(RenderResult result) {
            if (result.isWithheld()) {
                return new Rendering(null, null, result.losses(), result.withheldReason().orElse("withheld"));
            }
            JsonNode rendered = result.rendered().orElseThrow();
            return new Rendering(rendered, write(rendered), result.losses(), null);
        }

        public boolean isWithheld() {
            return withheld != null;
        }

        /** The object as a tree (GET answers). */
        public JsonNode tree() {
            return object != null ? object : parse(text);
        }

        /** The object as JSON text (deliveries). */
        public String json() {
            return text != null ? text : object == null ? null : write(object);
        }
    }

    /** The first 2.3.0-only field of the body: a PriceLimit or Price with {@code before_taxes}, a tax_included. */
    private static String fieldOf230(JsonNode body) {
        return firstField(body, "", object -> object.has("before_taxes") ? "before_taxes"
                : object.has("tax_included") ? "tax_included" : null);
    }

    /** The first 2.2.1 Price of the body: {@code excl_vat} without {@code before_taxes}. */
    private static String priceOf221(JsonNode body) {
        return firstField(body, "", object -> object.has("excl_vat") && !object.has("before_taxes") ? "excl_vat" : null);
    }

    /**
     * The path of the first field {@code match} names, looking at each object before what it holds, depth first in
     * document order; null when it names none.
     */
    private static String firstField(JsonNode node, String path, Function<ObjectNode, String> match) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String found = firstField(array.get(i), path + "[" + i + "]", match);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof ObjectNode object) {
            String field = match.apply(object);
            if (field != null) {
                return join(path, field);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String found = firstField(entry.getValue(), join(path, entry.getKey()), match);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Stored and queued JSON, read so that amounts keep their scale ({@code 10.00} stays {@code 10.00}). */
    public static JsonNode parse(String json) {
        try {
            return OcpiTrees.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored OCPI JSON is not readable", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return OcpiTrees.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
