package io.stowage.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by the build). */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = StowageMain.class.getPackage().getImplementationVersion();
        return new String[] {"stowage " + (version == null ? "development build" : version)};
    }
}
