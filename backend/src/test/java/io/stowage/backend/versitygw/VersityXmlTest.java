package io.stowage.backend.versitygw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class VersityXmlTest {

    @Test
    void writesTheAccountWithGoFieldNamesAndNoProjectId() {
        String xml = new String(VersityXml.account("AK", "s<e>cret", "user"), StandardCharsets.UTF_8);

        assertThat(xml).contains("<Account><Access>AK</Access><Secret>s&lt;e&gt;cret</Secret><Role>user</Role>")
                .doesNotContain("ProjectID");
    }

    @Test
    void readsListUsersAndListBuckets() throws Exception {
        byte[] users = """
                <ListUserAccountsResult><Accounts><Access>A1</Access><Secret>s1</Secret><Role>admin</Role><UserID>0</UserID>
                <GroupID>0</GroupID></Accounts><Accounts><Access>A2</Access><Secret>s2</Secret><Role>user</Role></Accounts>
                </ListUserAccountsResult>""".getBytes(StandardCharsets.UTF_8);
        byte[] buckets = "<ListBucketsResult><Buckets><Name>b1</Name><Owner>A1</Owner></Buckets><Buckets><Name>b2</Name><Owner>A2</Owner></Buckets></ListBucketsResult>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(VersityXml.accounts(users)).containsOnlyKeys("A1", "A2");
        assertThat(VersityXml.accounts(users).get("A2")).isEqualTo(new VersityXml.Account("A2", "s2", "user"));
        assertThat(VersityXml.accounts(users).get("A1").toString()).doesNotContain("s1");
        assertThat(VersityXml.bucketOwners(buckets)).containsExactly(java.util.Map.entry("b1", "A1"), java.util.Map.entry("b2", "A2"));
    }

    @Test
    void refusesDtdsAndOtherDocumentsAndReadsErrorCodes() {
        byte[] dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ListBucketsResult>&e;</ListBucketsResult>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> VersityXml.bucketOwners(dtd)).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> VersityXml.accounts("<Other/>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(XMLStreamException.class);
        assertThat(VersityXml.errorCode("<Error><Code>XAdminUserExists</Code></Error>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("XAdminUserExists");
        assertThat(VersityXml.errorCode("not xml".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
