package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.raworc.server.ApiClient.Response;

/**
 * The list conventions of spec §1 on every list endpoint: {@code limit}/{@code offset}, the
 * pagination headers, clamping, bad values and a stable order. The spaces are listed by an account
 * whose role names exactly seven spaces, so the totals do not depend on what other tests created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationApiTest extends ApiTest {

    private static final List<String> LISTS = List.of("/service-accounts", "/roles", "/role-bindings", "/spaces");

    private IdentityApi identity;
    private final List<String> spaces = new ArrayList<>();
    private String token;

    @BeforeAll
    void sevenVisibleSpaces() {
        identity = new IdentityApi(api(), adminToken());
        for (int i = 0; i < 7; i++) {
            spaces.add(unique("page-" + i));
            identity.createSpace(spaces.get(i));
        }
        String role = unique("seven-spaces");
        identity.createRole(role, "[{\"api_groups\":[\"api\"],\"resources\":[\"spaces\"],\"verbs\":[\"list\"],"
                + "\"resource_names\":" + ApiClient.JSON.writeValueAsString(spaces) + "}]");
        token = identity.tokenBoundTo(role, null);
    }

    @Test
    void pagesCoverTheListOnceInCreationOrder() {
        List<String> paged = new ArrayList<>();
        paged.addAll(page(0, 3, 3));
        paged.addAll(page(3, 3, 3));
        paged.addAll(page(6, 3, 1));

        assertThat(paged).containsExactlyElementsOf(spaces);
        assertThat(names(spaces("?limit=1000"), 7, 0, 1000)).containsExactlyElementsOf(spaces);
        assertThat(page(2, 3, 3)).containsExactlyElementsOf(spaces.subList(2, 5));
    }

    @Test
    void defaultsAreOffset0AndLimit100() {
        assertThat(names(spaces(""), 7, 0, 100)).containsExactlyElementsOf(spaces);
        assertThat(names(spaces("?offset=5"), 7, 5, 100)).containsExactlyElementsOf(spaces.subList(5, 7));
        assertThat(names(spaces("?limit=2"), 7, 0, 2)).containsExactlyElementsOf(spaces.subList(0, 2));
    }

    @Test
    void offsetAtOrPastTheEndAnswersAnEmptyPageWithTheHeaders() {
        assertThat(page(7, 3, 0)).isEmpty();
        assertThat(page(1_000_000, 3, 0)).isEmpty();
    }

    @Test
    void limitAbove1000IsClampedOnEveryList() {
        assertThat(names(spaces("?limit=5000"), 7, 0, 1000)).containsExactlyElementsOf(spaces);
        for (String list : LISTS) {
            Response response = identity.get(list + "?limit=5000&offset=1");
            assertThat(response.status()).as(list).isEqualTo(200);
            assertThat(response.header("X-Page-Limit")).as(list).isEqualTo("1000");
            assertThat(response.header("X-Page-Offset")).as(list).isEqualTo("1");
            assertThat(Long.parseLong(response.header("X-Total-Count"))).as(list).isEqualTo(response.json().size() + 1);
        }
    }

    @Test
    void negativeOrNonNumericValuesAreBadRequestsOnEveryList() {
        for (String list : LISTS) {
            for (String parameter : new String[] {"limit", "offset"}) {
                for (String bad : new String[] {"-1", "-100", "abc", "1.5", "0x10"}) {
                    assertError(identity.get(list + "?" + parameter + "=" + bad), 400,
                            "BAD_REQUEST: Query parameter '" + parameter + "' must be a non-negative integer, not '" + bad + "'");
                }
            }
        }
    }

    private List<String> page(long offset, int limit, int size) {
        List<String> names = names(spaces("?offset=" + offset + "&limit=" + limit), 7, offset, limit);
        assertThat(names).hasSize(size);
        return names;
    }

    private Response spaces(String query) {
        return identity.get("/spaces" + query, token);
    }

    private static List<String> names(Response list, long total, long offset, int limit) {
        assertList(list, total, offset, limit);
        return column(list, "name");
    }
}
