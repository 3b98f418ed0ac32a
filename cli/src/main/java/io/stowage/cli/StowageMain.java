package io.stowage.cli;

import io.stowage.cli.admin.AdminCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `stowage` launcher: one subcommand per role. */
@Command(name = "stowage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Kubernetes-native S3 object storage.",
        subcommands = {ServerCommand.class, OperatorCommand.class, CosiDriverCommand.class, CsiCommand.class, PopulateCommand.class,
                AdminCommand.class,
                RotateKeyCommand.class, CommandLine.HelpCommand.class})
public final class StowageMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StowageMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
