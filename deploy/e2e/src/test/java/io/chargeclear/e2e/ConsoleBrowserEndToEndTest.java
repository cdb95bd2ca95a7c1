package io.chargeclear.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real browser: Debian's headless Chromium, driven through its chromedriver, against the
 * hub this run started. It logs in (a wrong token refused, the admin token let in), walks the partners, agreements,
 * flagged CDRs, settlement, SLA, parked events and today's charts, checks what they show against the services'
 * operator APIs, acts through the pages' forms (suspend, reactivate, create and end an agreement) and sees the effect
 * in the APIs, searches the CDRs and follows one CDR's journey. Screenshots of every page go to {@code target/console-screenshots/}. Without Chromium the test fails:
 * it is part of the suite.
 */
@ExtendWith(SharedHub.class)
@Order(AttackFixture.AFTER_THE_FLOWS - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserEndToEndTest {

    static final Path CHROMIUM = Path.of(System.getProperty("chargeclear.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chargeclear.chromedriver", "/usr/bin/chromedriver"));
    static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    static final String CPO = "NL*CS1";
    static final String EMSP = "DE*CS2";

    private static RunningHub hub;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static Path screenshots;
    private static final AtomicInteger shots = new AtomicInteger();
    private static String cpoPlatform;
    private static String emspPlatform;

    @BeforeAll
    static void startBrowser(RunningHub running) throws IOException {
        hub = running;
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("headless Chromium (%s) and its driver (%s) are needed: apt-get install -y chromium chromium-driver"
                        + " (.ci/run installs them; docs/operations/testing.md)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        cpoPlatform = register("Console CPO", "NL", "CS1", "CPO");
        emspPlatform = register("Console eMSP", "DE", "CS2", "EMSP");
        screenshots = Path.of("target", "console-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1500,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/e2e-logs/chromedriver.log")).build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, PAGE_WAIT);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedAndTheAdminTokenOpensASessionThatNeverShowsIt() {
        browser.get(console("/partners"));
        wait.until(ExpectedConditions.urlContains("/login"));
        logIn("not-the-admin-token");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-failed")));
        screenshot("login-refused");
        assertThat(browser.manage().getCookieNamed("chargeclear-console")).as("no session for a wrong token").isNull();

        logIn(RunningHub.ADMIN_TOKEN);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("partners")));
        assertThat(browser.getCurrentUrl()).endsWith("/partners").doesNotContain(RunningHub.ADMIN_TOKEN);
        assertThat(browser.getPageSource()).doesNotContain(RunningHub.ADMIN_TOKEN);
        Cookie session = browser.manage().getCookieNamed("chargeclear-console");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getValue()).doesNotContain(RunningHub.ADMIN_TOKEN);
    }

    @Test
    @Order(2)
    void thePartnersPageShowsTheRegistrysPlatformsAndSuspendsAndReactivatesThroughItsForms() {
        // read before the page: a receiver's queue, once the gateway reports it, stays reported
        List<Map<String, Object>> objectives = admin("ocpi-gateway").get("/admin/objectives").then().statusCode(200)
                .extract().jsonPath().getList("parties");
        browser.get(console("/partners"));
        WebElement cpoRow = row(cpoPlatform);
        List<Map<String, Object>> platforms = admin("party-registry").get("/admin/platforms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(browser.findElements(By.cssSelector("#partners tbody tr[data-platform-id]"))).hasSize(platforms.size());
        for (Map<String, Object> platform : platforms) {
            WebElement shown = row((String) platform.get("id"));
            assertThat(shown.findElement(By.className("name")).getText()).isEqualTo(platform.get("name"));
            assertThat(shown.findElement(By.className("status")).getText()).isEqualTo(platform.get("status"));
            String version = (String) platform.get("ocpi_version");
            assertThat(shown.findElement(By.className("version")).getText()).isEqualTo(version == null ? "-" : version);
            assertThat(shown.findElement(By.className("connection")).getText())
                    .startsWith(platform.get("connection") == null ? "not connected" : "connected");
            // each of its parties with a delivery queue at the gateway is shown against the push objective
            for (Object party : (List<?>) platform.get("parties")) {
                Map<?, ?> p = (Map<?, ?>) party;
                String code = p.get("country_code") + "*" + p.get("party_id");
                boolean queued = objectives.stream().anyMatch(o -> code.equals(o.get("party"))
                        && o.get("delivery_oldest_pending_seconds") != null);
                if (queued) {
                    assertThat(shown.findElements(By.cssSelector(".objectives span[data-party='" + code
                            + "'][data-objective='push-delivered']"))).as(code + " against its objectives").hasSize(1);
                }
            }
        }
        assertThat(cpoRow.findElement(By.className("parties")).getText()).isEqualTo(CPO + " CPO");
        screenshot("partners");

        WebElement before = page();
        cpoRow.findElement(By.cssSelector("button.suspend")).click();
        assertThat(notice(before)).startsWith("Suspended Console CPO");
        assertThat(row(cpoPlatform).findElement(By.className("status")).getText()).isEqualTo("SUSPENDED");
        admin("party-registry").get("/admin/platforms/" + cpoPlatform).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUSPENDED"));
        screenshot("partners-suspended");

        before = page();
        row(cpoPlatform).findElement(By.cssSelector("button.reactivate")).click();
        assertThat(notice(before)).startsWith("Reactivated Console CPO");
        admin("party-registry").get("/admin/platforms/" + cpoPlatform).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    @Order(3)
    void anAgreementIsCreatedAndEndedThroughTheAgreementsPageAndABadOneIsRefusedWithTheRegistrysReason() {
        browser.get(console("/agreements"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("agreements")));
        String mode = admin("party-registry").get("/admin/agreements/standard-terms").then().statusCode(200)
                .extract().path("mode");
        assertThat(browser.findElement(By.id("standard-terms")).getText()).contains(mode);

        WebElement before = page();
        fillAgreement("yesterday");
        assertThat(problem(before)).startsWith("party-registry answered HTTP 400").contains("valid_from");

        String from = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        before = page();
        fillAgreement(from);
        assertThat(notice(before)).isEqualTo("Created agreement " + CPO + " - " + EMSP + " from " + from + ".");
        JsonPath agreements = admin("party-registry").queryParam("party", "NL/CS1").get("/admin/agreements")
                .then().statusCode(200).extract().jsonPath();
        assertThat(agreements.getList("$")).hasSize(1);
        String id = agreements.getString("[0].id");
        assertThat(agreements.getString("[0].status")).isEqualTo("ACTIVE");
        assertThat(agreements.getString("[0].hub_fee.percent")).isEqualTo("1.5");
        WebElement shown = browser.findElement(By.cssSelector("#agreements tr[data-agreement-id='" + id + "']"));
        assertThat(shown.getText()).contains(CPO, EMSP, "ACTIVE", "1.5 %");
        screenshot("agreements");

        before = page();
        shown.findElement(By.cssSelector("button.end")).click();
        assertThat(notice(before)).isEqualTo("Ended agreement " + CPO + " - " + EMSP + ".");
        admin("party-registry").get("/admin/agreements/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ENDED"));
        assertThat(browser.findElement(By.cssSelector("#agreements tr[data-agreement-id='" + id + "'] .status"))
                .getText()).isEqualTo("ENDED");
    }

    @Test
    @Order(4)
    void theFlaggedCdrsPageListsWhatRatingFlagged() {
        List<String> flagged = admin("cdr-rating").queryParam("status", "FLAGGED").queryParam("limit", 200)
                .get("/admin/rating/cdrs").then().statusCode(200).extract().jsonPath().getList("cdr_id", String.class);
        browser.get(console("/cdrs/flagged"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flagged")));
        List<String> shown = browser.findElements(By.cssSelector("#flagged tr[data-cdr-id]")).stream()
                .map(r -> r.getDomAttribute("data-cdr-id")).toList();
        assertThat(shown).as("the flagged CDRs, newest first, as cdr-rating lists them").isEqualTo(flagged);
        if (flagged.isEmpty()) {
            assertThat(browser.findElement(By.id("flagged")).getText()).contains("No flagged CDR.");
        }
        screenshot("flagged-cdrs");
    }

    @Test
    @Order(5)
    void theSettlementPageShowsTheLatestRunAsSettlementAnswersItAndServesItsCsv() throws Exception {
        List<Map<String, Object>> runs = admin("settlement").get("/admin/settlement/runs").then().statusCode(200)
                .extract().jsonPath().getList("$");
        if (runs.isEmpty()) {
            // run alone, this class finds no run: settle the day the routing scenario settles in the whole suite
            admin("settlement").body(Map.of("period_start", "2026-01-01T00:00:00Z",
                    "period_end", "2026-01-02T00:00:00Z")).post("/admin/settlement/runs").then().statusCode(201);
            runs = admin("settlement").get("/admin/settlement/runs").then().extract().jsonPath().getList("$");
        }
        String runId = (String) runs.get(runs.size() - 1).get("run_id");
        JsonPath run = admin("settlement").get("/admin/settlement/runs/" + runId).then().statusCode(200)
                .extract().jsonPath();

        browser.get(console("/settlement"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
        assertThat(browser.findElements(By.cssSelector("#runs tr[data-run-id]"))).hasSize(runs.size());
        assertThat(browser.findElement(By.id("run-title")).getText())
                .contains(run.getString("period_start") + " .. " + run.getString("period_end"));
        List<Map<String, Object>> statements = run.getList("statements");
        assertThat(browser.findElements(By.cssSelector("#statements tr[data-statement-id]"))).hasSize(statements.size());
        for (Map<String, Object> statement : statements) {
            WebElement shown = browser.findElement(By.cssSelector("#statements tr[data-statement-id='"
                    + statement.get("statement_id") + "']"));
            assertThat(shown.findElement(By.className("emsp-payable")).getText())
                    .isEqualTo(((Map<?, ?>) statement.get("emsp_payable")).get("amount"));
            assertThat(shown.findElement(By.className("cpo-receivable")).getText())
                    .isEqualTo(((Map<?, ?>) statement.get("cpo_receivable")).get("amount"));
        }
        for (Map<String, Object> position : run.<Map<String, Object>>getList("net_positions")) {
            Map<?, ?> party = (Map<?, ?>) position.get("party");
            WebElement shown = browser.findElement(By.cssSelector("table.net-positions[data-currency='"
                    + position.get("currency") + "'] tr[data-party='" + party.get("country_code") + "*"
                    + party.get("party_id") + "'] .net"));
            assertThat(shown.getText()).isEqualTo(((Map<?, ?>) position.get("net")).get("amount"));
        }
        screenshot("settlement");

        String csv = browser.findElement(By.id("statements-csv")).getDomProperty("href");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csv))
                .header("Cookie", "chargeclear-console=" + browser.manage().getCookieNamed("chargeclear-console")
                        .getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        String expected = admin("settlement").accept("text/csv")
                .queryParam("period_start", run.getString("period_start"))
                .queryParam("period_end", run.getString("period_end"))
                .get("/admin/settlement/statements").then().statusCode(200).extract().asString();
        assertThat(download.body()).isEqualTo(expected).startsWith("statement_id,run_id,");
    }

    @Test
    @Order(6)
    void theSlaPageListsTheBreachesTrackingDetected() {
        List<String> breaches = admin("session-tracking").queryParam("limit", 1000)
                .queryParam("since", Instant.now().minus(Duration.ofDays(29)).toString())
                .get("/admin/tracking/breaches").then().statusCode(200).extract().jsonPath()
                .getList("breach_id", String.class);
        browser.get(console("/sla"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("breaches")));
        List<String> shown = browser.findElements(By.cssSelector("#breaches tr[data-breach-id]")).stream()
                .map(r -> r.getDomAttribute("data-breach-id")).toList();
        assertThat(shown).containsAll(breaches);
        screenshot("sla-breaches");
    }

    @Test
    @Order(7)
    void theParkedEventsPageListsWhatEachServiceParked() {
        browser.get(console("/parked"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.parked")));
        for (String service : List.of("ocpi-gateway", "session-tracking", "cdr-rating", "settlement")) {
            List<String> parked = admin(service).queryParam("status", "PARKED").queryParam("limit", 200)
                    .get("/admin/dead-letters").then().statusCode(200).extract().jsonPath().getList("id", String.class);
            List<String> shown = browser.findElements(By.cssSelector("table.parked[data-service='" + service
                    + "'] tr[data-dead-letter-id]")).stream().map(r -> r.getDomAttribute("data-dead-letter-id")).toList();
            assertThat(shown).as(service).isEqualTo(parked);
        }
        screenshot("parked-events");
    }

    @Test
    @Order(8)
    void theTodayPageChartsTheDayAndCountsEachCposCdrsAsRatingListsThem() {
        Instant since = Instant.now().minus(Duration.ofHours(24));
        List<Map<String, Object>> ratings = admin("cdr-rating").queryParam("limit", 1000).get("/admin/rating/cdrs")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Long> perCpo = ratings.stream()
                .filter(r -> r.get("rated_at") != null && !"PENDING".equals(r.get("status"))
                        && !Instant.parse((String) r.get("rated_at")).isBefore(since))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("country_code") + "*" + r.get("party_id"),
                        java.util.stream.Collectors.counting()));
        browser.get(console("/today"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cdrs-per-cpo")));
        assertThat(browser.findElements(By.cssSelector("figure.chart svg"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("figure.chart svg rect.bar"))).hasSize(4 * 24);
        Map<String, Long> shown = browser.findElements(By.cssSelector("#cdrs-per-cpo tr[data-cpo]")).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.getDomAttribute("data-cpo"),
                        r -> Long.parseLong(r.findElement(By.className("cdrs")).getText())));
        assertThat(shown).isEqualTo(perCpo);
        screenshot("today");
    }

    /**
     * CDR-1 of NL*RC1, which {@link RoutingScenarioEndToEndTest} (ordered before this class) sent through the hub,
     * rated, booked and settled: the search finds it, and its journey shows what the three services answer about it.
     */
    @Test
    @Order(9)
    void theCdrSearchFindsACdrAndItsJourneyShowsWhatTheServicesKnowOfIt() {
        String path = "/NL/RC1/CDR-1";
        JsonPath rating = org.awaitility.Awaitility.await("CDR-1 rated").atMost(PAGE_WAIT)
                .until(() -> admin("cdr-rating").get("/admin/rating/cdrs" + path), r -> r.statusCode() == 200)
                .jsonPath();
        JsonPath received = admin("ocpi-gateway").get("/admin/cdrs" + path).then().statusCode(200).extract()
                .jsonPath();
        JsonPath settled = admin("settlement").get("/admin/settlement/cdrs" + path).then().statusCode(200).extract()
                .jsonPath();

        browser.get(console("/cdrs"));
        WebElement search = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));
        type(search, "party", "NL*RC1");
        new org.openqa.selenium.support.ui.Select(search.findElement(By.name("status")))
                .selectByValue(rating.getString("status"));
        search.findElement(By.id("find")).click();
        WebElement found = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#cdrs tr[data-cdr-id='CDR-1'][data-cpo='NL*RC1']")));
        assertThat(browser.findElements(By.cssSelector("#cdrs tr[data-cpo]")))
                .as("only NL*RC1's CDRs").allSatisfy(r -> assertThat(r.getText()).contains("NL*RC1"));
        screenshot("cdrs-search");

        WebElement before = page();
        found.findElement(By.cssSelector("a.journey")).click();
        wait.until(ExpectedConditions.stalenessOf(before));
        WebElement step = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-received")));
        assertThat(step.findElement(By.className("sender")).getText())
                .isEqualTo(received.getString("sender_platform"));
        assertThat(step.findElement(By.className("version")).getText())
                .isEqualTo(received.getString("source_version"));
        assertThat(step.findElement(By.className("recipient")).getText())
                .isEqualTo(received.getString("recipient")).endsWith("*RE1");
        List<String> statuses = browser.findElements(By.cssSelector("#step-delivered tr[data-delivery-id] .status"))
                .stream().map(WebElement::getText).toList();
        assertThat(statuses).isNotEmpty().isEqualTo(received.getList("deliveries.status", String.class));
        WebElement rated = browser.findElement(By.id("step-rated"));
        assertThat(rated.findElement(By.className("status")).getText()).isEqualTo(rating.getString("status"));
        assertThat(rated.findElement(By.className("total")).getText())
                .isEqualTo(rating.getString("total_cost.incl_vat") + " " + rating.getString("currency"));
        assertThat(rated.findElement(By.className("tariff")).getText()).isEqualTo(rating.getString("tariff_id"));
        assertThat(browser.findElements(By.cssSelector("#step-booked tr[data-entry-id]")).stream()
                .map(r -> r.getDomAttribute("data-entry-id")).toList())
                .isNotEmpty().isEqualTo(settled.getList("entries.entry_id", String.class));
        List<String> statements = browser.findElements(By.cssSelector("#step-settled .statement")).stream()
                .map(WebElement::getText).toList();
        assertThat(statements).as("RoutingScenarioEndToEndTest settled CDR-1's day")
                .isNotEmpty().isEqualTo(settled.getList("settled.statement_id", String.class));
        assertThat(browser.findElement(By.id("step-disputes")).getText())
                .contains(settled.getList("disputes").isEmpty() ? "No dispute." : "Opened by");
        screenshot("cdr-journey");

        browser.get(console("/cdrs/NL/RC1/NO-SUCH-CDR"));
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-received"))).getText())
                .contains("The gateway has not received this CDR.");
        assertThat(browser.findElement(By.id("step-rated")).getText()).contains("has not rated this CDR");
    }

    @Test
    @Order(10)
    void loggingOutEndsTheSession() {
        browser.get(console("/partners"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(console("/partners"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token")));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    private static void logIn(String token) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login")).click();
    }

    private static void fillAgreement(String validFrom) {
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-agreement")));
        type(form, "cpo", CPO);
        type(form, "emsp", EMSP);
        type(form, "valid_from", validFrom);
        type(form, "hub_fee_percent", "1.5");
        form.findElement(By.id("create")).click();
    }

    private static void type(WebElement form, String name, String text) {
        WebElement field = form.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    private static WebElement row(String platformId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#partners tr[data-platform-id='" + platformId + "']")));
    }

    /** The line the page shows after a form's action, once the page after {@code previous} has loaded. */
    private static String notice(WebElement previous) {
        wait.until(ExpectedConditions.stalenessOf(previous));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText();
    }

    private static String problem(WebElement previous) {
        wait.until(ExpectedConditions.stalenessOf(previous));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem"))).getText();
    }

    /** The page's body, to wait for the next page after a click. */
    private static WebElement page() {
        return browser.findElement(By.tagName("body"));
    }

    private static void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(String.format("%02d-%s.png", shots.incrementAndGet(), name)),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String console(String path) {
        return hub.url(RunningHub.CONSOLE) + path;
    }

    private static RequestSpecification admin(String service) {
        return given().baseUri(hub.url(service)).header("Authorization", "Bearer " + RunningHub.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
    }

    private static String register(String name, String countryCode, String partyId, String role) {
        return admin("party-registry").body(Map.of("name", name, "parties", List.of(Map.of("country_code", countryCode,
                        "party_id", partyId, "role", role, "name", name))))
                .post("/admin/platforms").then().statusCode(201).extract().path("id");
    }
}
