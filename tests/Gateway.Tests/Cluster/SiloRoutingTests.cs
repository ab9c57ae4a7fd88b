using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;
using FraudActors.Silo.Tests.Storage;

namespace FraudActors.Gateway.Tests.Cluster;

/// <summary>
/// A gateway in front of two silos: every request is scored by the silo that owns its card (found through the
/// membership table in PostgreSQL), whichever gateway received it; with an owner gone, 503 with Retry-After.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloRoutingTests
{
    private const int Partitions = 8;

    [PostgresFact]
    public async Task Requests_are_scored_by_the_silo_that_owns_the_card_and_answer_503_when_the_owner_is_gone()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ClusterHarness.PublishChampionAsync(database.ConnectionString);
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopics(new KafkaOptions(), Partitions);
        var settings = ClusterHarness.SiloSettings(cluster.BootstrapServers);
        await using var first = SiloProcess.Start("silo-a", database.ConnectionString, settings);
        await using var second = SiloProcess.Start("silo-b", database.ConnectionString, settings);
        SiloProcess[] silos = [first, second];
        await ClusterHarness.WaitUntilAsync(() => ClusterHarness.MembersOwnAllAsync(database.ConnectionString, 2, Partitions), TimeSpan.FromSeconds(90), "two silos owning all partitions", silos);
        await ClusterHarness.WaitUntilAsync(() => ClusterHarness.ReadyAsync(first.Url), TimeSpan.FromSeconds(30), "silo-a ready", silos);
        var members = await ClusterHarness.MembersAsync(database.ConnectionString);
        string OwnerOf(string card) => members.Single(m => m.Value.Contains(Murmur2Partitioner.Partition(card, Partitions))).Key;

        using var client = new HttpClient();
        var cards = Enumerable.Range(0, 24).Select(i => $"route-card-{i}").ToArray();
        var answeredBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            // Every request goes to silo-a: half of them belong to silo-b and must be forwarded there.
            using var response = await client.PostAsJsonAsync(new Uri(first.Url + "/v1/transactions/score"), Transaction(card, 1));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            answeredBy[card] = response.Headers.GetValues("X-FraudActors-Silo").Single();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("transactionId").GetString().Should().Be($"{card}-tx-1");
        }

        answeredBy.Should().AllSatisfy(pair => pair.Value.Should().Be(OwnerOf(pair.Key), $"{pair.Key} belongs to its partition's owner"));
        answeredBy.Values.Distinct().Should().HaveCount(2, "the cards spread over both silos");

        // The card's state lives on its owner: reading it through the other gateway gives the same windows.
        var remoteCard = cards[0];
        using (var view = await client.GetAsync(new Uri(second.Url + $"/v1/cards/{remoteCard}")))
        {
            view.StatusCode.Should().Be(HttpStatusCode.OK);
            view.Headers.GetValues("X-FraudActors-Silo").Single().Should().Be(OwnerOf(remoteCard));
            var json = await view.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("windows").GetProperty("appliedCount").GetInt64().Should().Be(1);
        }

        // A second transaction on every card, through the other gateway: each card has seen exactly two.
        foreach (var card in cards)
        {
            using var response = await client.PostAsJsonAsync(new Uri(second.Url + "/v1/transactions/score"), Transaction(card, 2));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("features").GetProperty("tx_count_24h").GetDouble().Should().Be(2, $"{card} saw its first transaction on the same silo");
        }

        // silo-a dies: until the group rebalances, its cards have no reachable owner.
        var withAddresses = await ClusterHarness.MembersWithAddressesAsync(database.ConnectionString);
        var deadId = withAddresses.Single(m => m.Value.Address == first.Url).Key;
        var doomedCard = cards.First(c => OwnerOf(c) == deadId);
        var (dead, alive) = (first, second);
        dead.Kill();
        using (var response = await client.PostAsJsonAsync(new Uri(alive.Url + "/v1/transactions/score"), Transaction(doomedCard, 3)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.Should().NotBeNull();
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("status").GetInt32().Should().Be(503);
        }

        // After the rebalance the survivor owns everything and the card is served again, state intact.
        await ClusterHarness.WaitUntilAsync(() => ClusterHarness.MembersOwnAllAsync(database.ConnectionString, 1, Partitions), TimeSpan.FromSeconds(60), "the survivor owning all partitions", silos);
        using (var response = await client.PostAsJsonAsync(new Uri(alive.Url + "/v1/transactions/score"), Transaction(doomedCard, 3)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            json.GetProperty("features").GetProperty("tx_count_24h").GetDouble().Should().Be(3, "a transaction accepted with 200 survives its silo's crash");
        }
    }

    private static object Transaction(string card, int n) => new
    {
        transactionId = $"{card}-tx-{n}",
        cardId = card,
        timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddMinutes(n).ToString("O", CultureInfo.InvariantCulture),
        amount = 20.5m + n,
        currency = "EUR",
        merchantId = "m-1",
        merchantCategory = "grocery",
        channel = "cardPresent",
    };
}
