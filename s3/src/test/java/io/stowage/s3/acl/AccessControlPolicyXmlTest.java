package io.stowage.s3.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlPolicyXmlTest {

    /** As the AWS SDKs and s3cmd send it: the S3 namespace, xsi:type on each grantee. */
    private static final String DOCUMENT = """
            <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Owner><ID>alice</ID><DisplayName>alice</DisplayName></Owner>
              <AccessControlList>
                <Grant>
                  <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">
                    <ID>alice</ID><DisplayName>alice</DisplayName>
                  </Grantee>
                  <Permission>FULL_CONTROL</Permission>
                </Grant>
                <Grant>
                  <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
                    <URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>
                  </Grantee>
                  <Permission>READ</Permission>
                </Grant>
                <Grant>
                  <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>bob</ID></Grantee>
                  <Permission>WRITE_ACP</Permission>
                </Grant>
              </AccessControlList>
            </AccessControlPolicy>
            """;

    private static final Acl ACL = new Acl(List.of(
            new AclGrant(new Grantee.CanonicalUser("alice"), Permission.FULL_CONTROL),
            new AclGrant(Grantee.Group.ALL_USERS, Permission.READ),
            new AclGrant(new Grantee.CanonicalUser("bob"), Permission.WRITE_ACP)));

    @Test
    void parsesOwnerAndGrants() {
        AccessControlPolicyXml.Parsed parsed = AccessControlPolicyXml.parse(DOCUMENT.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.ownerId()).isEqualTo("alice");
        assertThat(parsed.acl()).isEqualTo(ACL);
    }

    @Test
    void rendersWhatItParses() {
        String xml = new String(AccessControlPolicyXml.render("alice", ACL), StandardCharsets.UTF_8);

        assertThat(xml).contains("<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Owner><ID>alice</ID><DisplayName>alice</DisplayName></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>alice</ID><DisplayName>alice</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                + "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>");
        AccessControlPolicyXml.Parsed back = AccessControlPolicyXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(new AccessControlPolicyXml.Parsed("alice", ACL));
    }

    @Test
    void anEmptyListGrantsNothing() {
        String xml = "<AccessControlPolicy><Owner><ID>alice</ID></Owner><AccessControlList/></AccessControlPolicy>";
        assertThat(AccessControlPolicyXml.parse(xml.getBytes(StandardCharsets.UTF_8)).acl().grants()).isEmpty();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            <AccessControlPolicy><Owner><ID>a</ID></Owner>                                               | MalformedACLError
            <Policy><Owner><ID>a</ID></Owner><AccessControlList/></Policy>                               | MalformedACLError
            <AccessControlPolicy><AccessControlList/></AccessControlPolicy>                              | MalformedACLError
            <AccessControlPolicy><Owner><ID>a</ID></Owner></AccessControlPolicy>                         | MalformedACLError
            <AccessControlPolicy><Owner/><AccessControlList/></AccessControlPolicy>                      | InvalidArgument
            <AccessControlPolicy><Owner><ID>a</ID></Owner><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> | MalformedACLError
            <AccessControlPolicy><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee><ID>b</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> | MalformedACLError
            <AccessControlPolicy xmlns:x='http://www.w3.org/2001/XMLSchema-instance'><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee x:type='CanonicalUser'><ID>b</ID></Grantee><Permission>read</Permission></Grant></AccessControlList></AccessControlPolicy> | MalformedACLError
            <AccessControlPolicy xmlns:x='http://www.w3.org/2001/XMLSchema-instance'><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee x:type='CanonicalUser'/><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> | InvalidArgument
            <AccessControlPolicy xmlns:x='http://www.w3.org/2001/XMLSchema-instance'><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee x:type='Group'><URI>http://example.com/all</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> | InvalidArgument
            <AccessControlPolicy xmlns:x='http://www.w3.org/2001/XMLSchema-instance'><Owner><ID>a</ID></Owner><AccessControlList><Grant><Grantee x:type='AmazonCustomerByEmail'><EmailAddress>a@b.c</EmailAddress></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> | UnresolvableGrantByEmailAddress
            """)
    void documentsS3Refuses(String xml, S3ErrorCode code) {
        assertThatThrownBy(() -> AccessControlPolicyXml.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
