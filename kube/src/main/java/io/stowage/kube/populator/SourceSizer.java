package io.stowage.kube.populator;

import io.fabric8.kubernetes.api.model.Secret;
import io.stowage.backend.AccessKey;
import io.stowage.backend.AddressingStyle;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.populate.KeyFilter;
import io.stowage.populate.Populator;
import io.stowage.populate.SizeReport;
import io.stowage.populate.Source;
import java.net.URI;

/** Lists the source as {@code stowage populate --size} does, with the BucketSource's credentials Secret. */
final class SourceSizer {

    private static final int ATTEMPTS = 3;

    private SourceSizer() {
    }

    /**
     * @throws ClaimRefusedException when the Secret lacks its keys
     * @throws Exception when the listing fails (unreachable, refused): worth retrying
     */
    static SizeReport size(ResolvedSource resolved, Secret credentials) throws Exception {
        String id = SecretData.decode(credentials, "accessKeyID");
        String secret = SecretData.decode(credentials, "secretAccessKey");
        if (id == null || secret == null) {
            throw new ClaimRefusedException("InvalidCredentials", "the credentials Secret "
                    + credentials.getMetadata().getName() + " needs the keys accessKeyID and secretAccessKey");
        }
        Source source = new Source(new S3Endpoint(URI.create(resolved.endpoint()),
                resolved.region() == null ? Source.DEFAULT_REGION : resolved.region(), AddressingStyle.PATH,
                SecretData.decode(credentials, PopulatorModel.CA_BUNDLE)), new AccessKey(id, secret), resolved.bucket(), resolved.prefix());
        return Populator.size(source, KeyFilter.of(resolved.include(), resolved.exclude()), ATTEMPTS);
    }
}
