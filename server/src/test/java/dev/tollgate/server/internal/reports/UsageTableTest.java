package dev.tollgate.server.internal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.internal.usage.UsageQuery;
import dev.tollgate.server.internal.usage.UsageRow;
import dev.tollgate.server.internal.usage.UsageSessionRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTableTest {
    static UsageSessionRow viewers(String tag, long sessions, long millis) {
        return new UsageSessionRow(
                Optional.ofNullable(tag),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                sessions,
                millis,
                0,
                0);
    }

    static UsageRow events(String tag, long count) {
        return new UsageRow(
                Optional.ofNullable(tag),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                count);
    }

    @Test
    void fieldWhenItStartsLikeAFormulaThenItIsPrefixedWithAQuote() {
        assertThat(UsageTable.field("=1+1")).isEqualTo("'=1+1");
        assertThat(UsageTable.field("+1")).isEqualTo("'+1");
        assertThat(UsageTable.field("-1")).isEqualTo("'-1");
        assertThat(UsageTable.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(UsageTable.field("\tx")).isEqualTo("'\tx");
        assertThat(UsageTable.field("a=1")).isEqualTo("a=1");
    }

    @Test
    void fieldWhenItHoldsASeparatorQuoteOrLineBreakThenItIsQuotedWithQuotesDoubled() {
        assertThat(UsageTable.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(UsageTable.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(UsageTable.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(UsageTable.field("\rb")).isEqualTo("\"'\rb\"");
    }

    @Test
    void ofWhenBothStoresHaveTheGroupThenOneRowCarriesEventsAndSessionsOrderedWithNoValueLast() {
        UsageTable table = UsageTable.of(
                List.of(UsageQuery.Column.TAG),
                List.of(events("b", 2), events(null, 1)),
                List.of(viewers("a", 1, 30_000), viewers("b", 3, 90_001)),
                10);

        assertThat(table.csv())
                .isEqualTo("tag,count,viewerSessions,viewerMinutes,publisherSessions,publisherMinutes\r\n"
                        + "a,0,1,0.5,0,0\r\n"
                        + "b,2,3,1.5,0,0\r\n"
                        + ",1,0,0,0,0\r\n");
        assertThat(table.truncated()).isFalse();
    }

    @Test
    void ofWhenTheMergedRowsExceedTheLimitThenTheFirstAreKeptAndItIsTruncated() {
        UsageTable table =
                UsageTable.of(List.of(UsageQuery.Column.TAG), List.of(events("c", 1)), List.of(viewers("a", 1, 0)), 1);

        assertThat(table.json()).hasSize(1);
        assertThat(table.json().getFirst()).containsEntry("tag", "a");
        assertThat(table.truncated()).isTrue();
    }

    @Test
    void minutesWhenLargeOrRoundThenPlainDecimals() {
        assertThat(UsageTable.minutes(600_000_000_000L).toString()).isEqualTo("10000000");
        assertThat(UsageTable.minutes(0).toString()).isEqualTo("0");
        assertThat(UsageTable.minutes(1).toString()).isEqualTo("0");
        assertThat(UsageTable.minutes(61_234).toString()).isEqualTo("1.021");
    }
}
