namespace ActorBot.Hocon.Tests.Configuration;

public sealed class SecretRedactionTests
{
    [Fact(DisplayName = "Dumps never contain secret values from the environment or from secret-named keys")]
    public void Secrets_are_redacted()
    {
        var env = new Dictionary<string, string> { ["ACTORBOT_PG_PASSWORD"] = "hunter2", ["ACTORBOT_BINANCE_USDM_API_KEY"] = "k3y", ["HOME"] = "/home/bot" };
        var options = new HoconLoadOptions { EnvironmentLookup = SecretRedaction.RedactingEnvironment(k => env.GetValueOrDefault(k)) };
        var root = SecretRedaction.RedactKeys(HoconLoader.Parse(
            "c = \"Password=\"${ACTORBOT_PG_PASSWORD}\nk = ${ACTORBOT_BINANCE_USDM_API_KEY}\nh = ${HOME}\ndb { password = plain, api-key = [x] }",
            "t",
            options));
        var json = HoconJsonWriter.Write(root, sortKeys: true, indented: false);
        json.Should().NotContain("hunter2").And.NotContain("k3y").And.NotContain("plain");
        json.Should().Be("""{"c":"Password=<redacted:ACTORBOT_PG_PASSWORD>","db":{"api-key":"<redacted>","password":"<redacted>"},"h":"/home/bot","k":"<redacted:ACTORBOT_BINANCE_USDM_API_KEY>"}""");
    }
}
