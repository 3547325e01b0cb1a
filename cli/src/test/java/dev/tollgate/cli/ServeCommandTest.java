package dev.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.ServerConfig;
import dev.tollgate.token.TokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path directory;

    static ServerConfig config(Map<String, String> environment, String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.config(environment::get);
    }

    @Test
    void configWhenNothingIsGivenThenTheDefaults() {
        ServerConfig config = config(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.masterKey()).isEmpty();
    }

    @Test
    void configWhenFlagEnvironmentAndFileDisagreeThenFlagThenEnvironmentThenFileWins() throws Exception {
        Files.writeString(
                directory.resolve("tollgate.properties"),
                "port=7000\nhost=0.0.0.0\nissuer=from-file\ndb-url=jdbc:postgresql://file/db\ndb-user=fileuser\n");
        Map<String, String> environment = Map.of(
                "TOLLGATE_DATA_DIR", directory.toString(),
                "TOLLGATE_PORT", "7100",
                "TOLLGATE_DB_PASSWORD", "from-env");

        ServerConfig config = config(environment, "--port", "0");

        assertThat(config.port()).isZero();
        assertThat(config.dataDirectory()).isEqualTo(directory);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.issuer()).isEqualTo("from-file");
        assertThat(config.databaseUrl()).contains("jdbc:postgresql://file/db");
        assertThat(config.databaseUser()).contains("fileuser");
        assertThat(config.databasePassword()).contains("from-env");
        assertThat(config(Map.of("TOLLGATE_DATA_DIR", directory.toString(), "TOLLGATE_PORT", "7100"))
                        .port())
                .isEqualTo(7100);
        assertThat(config(Map.of("TOLLGATE_DATA_DIR", directory.toString())).port())
                .isEqualTo(7000);
    }

    @Test
    void configWhenAGeoDatabaseIsGivenThenItReplacesTheBundledOne() {
        assertThat(config(Map.of()).geoDatabase()).isEmpty();
        assertThat(config(Map.of("TOLLGATE_GEO_DB", "/geo/City.mmdb")).geoDatabase())
                .contains(Path.of("/geo/City.mmdb"));
        assertThat(config(Map.of("TOLLGATE_GEO_DB", "/geo/City.mmdb"), "--geo-db", "/other.mmdb")
                        .geoDatabase())
                .contains(Path.of("/other.mmdb"));
    }

    @Test
    void configWhenNoClockSkewIsGivenThenTheVerifiersDefault() {
        assertThat(config(Map.of()).clockSkew()).isEqualTo(TokenVerifier.DEFAULT_CLOCK_SKEW);
    }

    @Test
    void configWhenAClockSkewIsGivenInAnySpellingThenItIsTheServersSkew() throws Exception {
        assertThat(config(Map.of(), "--clock-skew", "30s").clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of(), "--clock-skew", "2m").clockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config(Map.of(), "--clock-skew", "PT90S").clockSkew()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config(Map.of(), "--clock-skew", "45").clockSkew()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config(Map.of(), "--clock-skew", "0s").clockSkew()).isZero();
        assertThat(config(Map.of(), "--clock-skew", "10m").clockSkew()).isEqualTo(TokenVerifier.MAX_CLOCK_SKEW);
        assertThat(config(Map.of("TOLLGATE_CLOCK_SKEW", "20s")).clockSkew()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config(Map.of("TOLLGATE_CLOCK_SKEW", "20s"), "--clock-skew", "5s")
                        .clockSkew())
                .isEqualTo(Duration.ofSeconds(5));
        Files.writeString(directory.resolve("tollgate.properties"), "clock-skew=3m\n");
        assertThat(config(Map.of("TOLLGATE_DATA_DIR", directory.toString())).clockSkew())
                .isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void configWhenTheClockSkewIsBeyondTheVerifiersMaximumThenAOneLineUsageError() {
        assertThatThrownBy(() -> config(Map.of(), "--clock-skew", "11m"))
                .isInstanceOf(UsageException.class)
                .hasMessage("the clock skew must be between 0 and 10m, was '11m'");
        assertThatThrownBy(() -> config(Map.of(), "--clock-skew", "PT-1S"))
                .isInstanceOf(UsageException.class)
                .hasMessage("the clock skew must be between 0 and 10m, was 'PT-1S'");
    }

    @Test
    void configWhenTheClockSkewIsNotADurationThenAUsageErrorShowingTheSpellings() {
        for (String bad : new String[] {"soon", "30 s", "1.5m", "-5s", "30w", ""}) {
            assertThatThrownBy(() -> config(Map.of(), "--clock-skew", bad))
                    .as(bad)
                    .isInstanceOf(UsageException.class)
                    .hasMessage("the clock skew must be a duration such as 30s, 2m or PT30S, was '" + bad + "'");
        }
    }

    @Test
    void configWhenARegionIsGivenThenChannelIdsStartWithIt() throws Exception {
        assertThat(config(Map.of()).region()).isEqualTo("us-northeast");
        assertThat(config(Map.of("TOLLGATE_REGION", "eu-west")).region()).isEqualTo("eu-west");
        assertThat(config(Map.of("TOLLGATE_REGION", "eu-west"), "--region", "ap-south-1")
                        .region())
                .isEqualTo("ap-south-1");
        Files.writeString(directory.resolve("tollgate.properties"), "region=from-file\n");
        assertThat(config(Map.of("TOLLGATE_DATA_DIR", directory.toString())).region())
                .isEqualTo("from-file");
        assertThatThrownBy(() -> config(Map.of(), "--region", "US East"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case letters, digits and '-'");
    }

    @Test
    void configWhenThePortIsNotANumberThenAUsageError() {
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_PORT", "eighty")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("eighty");
    }

    @Test
    void configWhenTheDatabaseIsNotPostgresqlThenRefused() {
        assertThatThrownBy(() -> config(Map.of(), "--db-url", "jdbc:mysql://x/y?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("secret");
    }

    @Test
    void configWhenTheMasterKeyIsInTheEnvironmentThenItIsUsed() {
        assertThat(config(Map.of("TOLLGATE_MASTER_KEY", "AAAA")).masterKey()).contains("AAAA");
    }

    @Test
    void configWhenAUsageRetentionIsGivenThenItIsUsedElse400Days() {
        assertThat(config(Map.of()).usageRetention()).isEqualTo(java.time.Duration.ofDays(400));
        assertThat(config(Map.of("TOLLGATE_USAGE_RETENTION_DAYS", "30")).usageRetention())
                .isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config(Map.of("TOLLGATE_USAGE_RETENTION_DAYS", "30"), "--usage-retention-days", "90")
                        .usageRetention())
                .isEqualTo(java.time.Duration.ofDays(90));
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_USAGE_RETENTION_DAYS", "0")))
                .hasMessageContaining("at least 1 day");
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_USAGE_RETENTION_DAYS", "a year")))
                .hasMessageContaining("whole number of days");
    }

    @Test
    void configWhenARevocationHorizonIsGivenThenItIsUsedElseThirtyDays() {
        assertThat(config(Map.of()).revocationHorizon()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config(Map.of("TOLLGATE_REVOCATION_HORIZON", "7d")).revocationHorizon())
                .isEqualTo(java.time.Duration.ofDays(7));
        assertThat(config(Map.of("TOLLGATE_REVOCATION_HORIZON", "7d"), "--revocation-horizon", "90d")
                        .revocationHorizon())
                .isEqualTo(java.time.Duration.ofDays(90));
        assertThatThrownBy(() -> config(Map.of(), "--revocation-horizon", "1h"))
                .hasMessageContaining("between 24h and 3650d");
        assertThatThrownBy(() -> config(Map.of(), "--revocation-horizon", "a month"))
                .hasMessageContaining("the revocation horizon must be a duration");
    }

    @Test
    void configWhenAUsageSessionTimeoutIsGivenThenItIsUsedElseThreeMinutes() {
        assertThat(config(Map.of()).usageSessionTimeout()).isEqualTo(java.time.Duration.ofMinutes(3));
        assertThat(config(Map.of("TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS", "90"))
                        .usageSessionTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(config(
                                Map.of("TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS", "90"),
                                "--usage-session-timeout-seconds",
                                "600")
                        .usageSessionTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(600));
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_USAGE_SESSION_TIMEOUT_SECONDS", "3m")))
                .hasMessageContaining("whole number of seconds");
    }

    @Test
    void configWhenBothTlsFilesAreGivenThenHttps() {
        ServerConfig config = config(Map.of("TOLLGATE_TLS_KEY", "/etc/tollgate/tls.key"), "--tls-cert", "tls.crt");

        assertThat(config.tls()).contains(new ServerConfig.Tls(Path.of("tls.crt"), Path.of("/etc/tollgate/tls.key")));
        assertThat(config(Map.of()).tls()).isEmpty();
    }

    @Test
    void configWhenOnlyOneTlsFileIsGivenThenAUsageError() {
        assertThatThrownBy(() -> config(Map.of(), "--tls-cert", "tls.crt"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--tls-cert and --tls-key go together: HTTPS needs the certificate and its key");
        assertThatThrownBy(() -> config(Map.of("TOLLGATE_TLS_KEY", "tls.key"))).isInstanceOf(UsageException.class);
    }
}
