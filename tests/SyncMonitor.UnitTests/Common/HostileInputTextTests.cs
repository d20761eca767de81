using Microsoft.AspNetCore.Http;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Logging;

namespace SyncMonitor.UnitTests.Common;

/// <summary>The plain-words and escaping rules behind issue 16 rows 4, 6 and 10.</summary>
public sealed class HostileInputTextTests
{
    [Theory]
    [InlineData("Failed to bind parameter \"Nullable<int> limit\" from \"1e9\".", "limit", "limit must be a whole number.")]
    [InlineData("Failed to bind parameter \"bool? force\" from \"maybe\".", "force", "force must be true or false.")]
    [InlineData("Failed to bind parameter \"DateOnly startDate\" from \"x\".", "start_date", "start_date must be a date (YYYY-MM-DD).")]
    [InlineData("Required parameter \"int pageSize\" was not provided from query string.", "page_size", "page_size is required.")]
    [InlineData("Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?", "body", "A JSON body is required for this endpoint.")]
    [InlineData("Something the framework never said before.", "request", "The request could not be read.")]
    public void Binding_failures_name_the_field_in_plain_words(string frameworkMessage, string field, string message)
    {
        var (describedField, described) = BindingErrors.Describe(new BadHttpRequestException(frameworkMessage, StatusCodes.Status400BadRequest));
        (describedField, described).Should().Be((field, message));
        described.Should().NotContain("Nullable").And.NotContain("bool?").And.NotContain("DateOnly");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("\u001b[31m\u0000\u007f\u0085\u2028", "\\u001b[31m\\u0000\\u007f\\u0085\\u2028")]
    public void Control_characters_are_escaped_for_the_log(string raw, string escaped)
    {
        ControlCharacterEscaper.NeedsEscaping(raw).Should().Be(raw != escaped);
        (ControlCharacterEscaper.NeedsEscaping(raw) ? ControlCharacterEscaper.Escape(raw) : raw).Should().Be(escaped);
    }

    [Fact]
    public void Lone_surrogates_are_not_well_formed()
    {
        // Built here: a lone surrogate in an attribute argument does not survive the assembly's metadata.
        UnicodeText.IsWellFormed("ok 同步 😀").Should().BeTrue();
        UnicodeText.IsWellFormed(((char)0xD800).ToString()).Should().BeFalse();
        UnicodeText.IsWellFormed("x" + (char)0xDC00).Should().BeFalse();
        UnicodeText.IsWellFormed((char)0xD83D + "x").Should().BeFalse();
    }
}
