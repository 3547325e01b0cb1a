package dev.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code tollgate token}: mint, verify and decode EdgeAuth digest tokens offline. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Create, verify and decode EdgeAuth digest tokens.",
        subcommands = {TokenCreateCommand.class, TokenVerifyCommand.class, TokenDecodeCommand.class})
final class TokenCommand {}
