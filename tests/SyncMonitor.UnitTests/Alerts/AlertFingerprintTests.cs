using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.UnitTests.Alerts;

public sealed class AlertFingerprintTests
{
    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void The_label_order_does_not_matter()
        => AlertFingerprint.Compute("r", Labels(("job", "a"), ("task_type", "b")))
            .Should().Be(AlertFingerprint.Compute("r", Labels(("task_type", "b"), ("job", "a"))));

    [Fact]
    public void Rule_label_names_and_values_all_count()
    {
        var baseline = AlertFingerprint.Compute("r", Labels(("job", "a")));
        AlertFingerprint.Compute("r2", Labels(("job", "a"))).Should().NotBe(baseline);
        AlertFingerprint.Compute("r", Labels(("job", "b"))).Should().NotBe(baseline);
        AlertFingerprint.Compute("r", Labels(("jobs", "a"))).Should().NotBe(baseline);
        AlertFingerprint.Compute("r", Labels()).Should().NotBe(baseline);
        baseline.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public void Values_cannot_be_crafted_to_collide_with_other_label_sets()
        => AlertFingerprint.Compute("r", Labels(("a", "1b2"))).Should().NotBe(AlertFingerprint.Compute("r", Labels(("a", "1"), ("b", "2"))));

    [Theory]
    [InlineData("$where")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("with space")]
    public void Unsafe_label_names_are_rejected(string name)
    {
        var validate = () => AlertFingerprint.Validate("rule", Labels((name, "v")));
        validate.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Every_well_known_rule_is_a_valid_name()
    {
        foreach (var rule in new[] { AlertRules.IntegrityLevel, AlertRules.SourceUnavailable, AlertRules.ConsistencyConfidence,
                     AlertRules.SyncFailed, AlertRules.SlowOperation, AlertRules.OperationLogDrops })
        {
            var validate = () => AlertFingerprint.Validate(rule, Labels(("source", "tushare")));
            validate.Should().NotThrow();
        }
    }
}
