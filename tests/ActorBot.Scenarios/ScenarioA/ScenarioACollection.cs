namespace ActorBot.Scenarios.ScenarioA;

/// <summary>The xunit collection of scenarios 1, 5, 6 and 7: run one after another, never beside each other.</summary>
internal static class ScenarioACollection
{
    public const string Name = "ScenarioA: services on simulators";
}
