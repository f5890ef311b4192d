using Xunit.Sdk;

namespace Akka.TestKit.Xunit2;

/// <summary>TestKit assertions that fail with xUnit exceptions.</summary>
public class XunitAssertions : ITestKitAssertions
{
    public XunitAssertions()
    {
    }

    public void AssertEqual<T>(T expected, T actual, string format = "", params object[] args)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new XunitException(Format(format, args) + $" Expected: {expected}, actual: {actual}.");
        }
    }

    public void AssertEqual<T>(T expected, T actual, Func<T, T, bool> comparer, string format = "", params object[] args)
    {
        if (!comparer(expected, actual))
        {
            throw new XunitException(Format(format, args) + $" Expected: {expected}, actual: {actual}.");
        }
    }

    public void AssertFalse(bool condition, string format = "", params object[] args)
    {
        if (condition)
        {
            throw new XunitException(Format(format, args));
        }
    }

    public void AssertTrue(bool condition, string format = "", params object[] args)
    {
        if (!condition)
        {
            throw new XunitException(Format(format, args));
        }
    }

    public void Fail(string format = "", params object[] args) => throw new XunitException(Format(format, args));

    private static string Format(string format, object[] args) =>
        args is null || args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
}
