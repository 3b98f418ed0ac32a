package io.stowage.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminRouterTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /admin/v1/health              | HEALTH         |
            GET    | /admin/v1/info                | INFO           |
            GET    | /admin/v1/openapi.yaml        | OPENAPI        |
            GET    | /admin/v1/cluster             | CLUSTER_STATUS |
            POST   | /admin/v1/cluster/members     | ADD_MEMBER     |
            DELETE | /admin/v1/cluster/members/n3  | REMOVE_MEMBER  | id=n3
            POST   | /admin/v1/users               | CREATE_USER    |
            GET    | /admin/v1/users               | LIST_USERS     |
            GET    | /admin/v1/users/alice         | GET_USER       | name=alice
            DELETE | /admin/v1/users/a+b=c,d.e@f_g | DELETE_USER    | name=a+b=c,d.e@f_g
            POST   | /admin/v1/users/alice/keys    | CREATE_KEY     | name=alice
            GET    | /admin/v1/users/alice/keys    | LIST_KEYS      | name=alice
            GET    | /admin/v1/keys/AKIA.1~x       | GET_KEY        | id=AKIA.1~x
            PATCH  | /admin/v1/keys/AK1            | SET_KEY_STATUS | id=AK1
            DELETE | /admin/v1/keys/AK1            | DELETE_KEY     | id=AK1
            POST   | /admin/v1/keys/AK1/rotate     | ROTATE_KEY     | id=AK1
            POST   | /admin/v1/buckets             | CREATE_BUCKET  |
            GET    | /admin/v1/buckets             | LIST_BUCKETS   |
            GET    | /admin/v1/buckets/photos      | GET_BUCKET     | name=photos
            DELETE | /admin/v1/buckets/photos      | DELETE_BUCKET  | name=photos
            PUT    | /admin/v1/buckets/photos/owner  | SET_OWNER    | name=photos
            PUT    | /admin/v1/buckets/photos/quota  | SET_QUOTA    | name=photos
            DELETE | /admin/v1/buckets/photos/quota  | DELETE_QUOTA | name=photos
            GET    | /admin/v1/buckets/photos/prefix-quotas | LIST_PREFIX_QUOTAS  | name=photos
            PUT    | /admin/v1/buckets/photos/prefix-quotas | SET_PREFIX_QUOTA    | name=photos
            DELETE | /admin/v1/buckets/photos/prefix-quotas | DELETE_PREFIX_QUOTA | name=photos
            GET    | /admin/v1/buckets/photos/usage  | GET_USAGE    | name=photos
            GET    | /admin/v1/buckets/photos/tags   | GET_TAGS     | name=photos
            PUT    | /admin/v1/buckets/photos/tags   | PUT_TAGS     | name=photos
            PUT    | /admin/v1/buckets/photos/policy | PUT_POLICY    | name=photos
            GET    | /admin/v1/buckets/photos/policy | GET_POLICY    | name=photos
            DELETE | /admin/v1/buckets/photos/policy | DELETE_POLICY | name=photos
            POST   | /admin/v1/grants              | CREATE_GRANT   |
            GET    | /admin/v1/grants              | LIST_GRANTS    |
            DELETE | /admin/v1/grants              | DELETE_GRANT   |
            """)
    void routesEveryOperation(String method, String path, AdminOperation expected, String parameter) {
        RouteMatch match = AdminRouter.route(method, path);

        assertThat(match.operation()).isEqualTo(expected);
        Map<String, String> parameters = parameter == null ? Map.of()
                : Map.of(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));
        assertThat(match.pathParameters()).isEqualTo(parameters);
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /",
        "GET, /admin",
        "GET, /admin/v2/users",
        "GET, /admin/v1/users/",
        "GET, /admin/v1/users//keys",
        "GET, /admin/v1/users/alice/keys/extra",
        "GET, /admin/v1/buckets/photos/acl",
        "GET, /admin/v1/Users",
    })
    void unknownPathsAreNotFound(String method, String path) {
        assertThatThrownBy(() -> AdminRouter.route(method, path))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.code()).isEqualTo(AdminErrorCode.NotFound));
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /admin/v1/users, 'GET, POST'",
        "POST, /admin/v1/health, GET",
        "HEAD, /admin/v1/info, GET",
        "POST, /admin/v1/buckets/photos/quota, 'DELETE, PUT'",
        "PATCH, /admin/v1/grants, 'DELETE, GET, POST'",
    })
    void aKnownPathWithAnotherMethodNamesTheAllowedOnes(String method, String path, String allowed) {
        assertThatThrownBy(() -> AdminRouter.route(method, path))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.code()).isEqualTo(AdminErrorCode.MethodNotAllowed);
                    assertThat(e.getMessage()).contains("takes " + allowed + ", not " + method);
                });
    }
}
