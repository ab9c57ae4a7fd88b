using System.Text;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Silo.Storage.Serialization;

namespace FraudActors.Silo.Tests.Storage;

public sealed class ModelPackageJsonTests
{
    private readonly ModelPackage _package = TestPackages.Create("card-behaviour") with { Version = 4 };

    [Fact]
    public void Round_trip_keeps_every_field_and_the_bytes()
    {
        var bytes = ModelPackageJson.Serialize(_package);

        var read = ModelPackageJson.Deserialize(bytes);

        read.Should().BeEquivalentTo(_package, o => o.WithStrictOrdering());
        read.CreatedAt.EqualsExact(_package.CreatedAt).Should().BeTrue();
        read.Lineage.TrainTo.EqualsExact(_package.Lineage.TrainTo).Should().BeTrue();
        float.IsPositiveInfinity(read.Reference[0].Edges[3]).Should().BeTrue();
        ModelPackageJson.Serialize(read).Should().Equal(bytes);
    }

    [Fact]
    public void The_schema_is_written_with_its_hash()
    {
        var json = Encoding.UTF8.GetString(ModelPackageJson.Serialize(_package));

        json.Should().Contain($"\"hash\":\"{_package.Schema.Hash}\"").And.Contain("\"modelName\":\"card-behaviour\"");
    }

    [Fact]
    public void An_edited_feature_list_is_rejected_by_the_hash()
    {
        var json = Encoding.UTF8.GetString(ModelPackageJson.Serialize(_package)).Replace("\"speed_kmh\"", "\"speed_mph\"", StringComparison.Ordinal);

        var act = () => ModelPackageJson.Deserialize(Encoding.UTF8.GetBytes(json));

        act.Should().Throw<InvalidDataException>().WithMessage($"*'card-behaviour' declares hash {_package.Schema.Hash}*edited or corrupted*");
    }

    [Theory]
    [InlineData("\"thresholds\"", "\"thresholdz\"")]
    [InlineData("\"boosterJson\":\"", "\"boosterJson\":null,\"x\":\"")]
    public void A_missing_or_null_field_is_rejected(string find, string replace)
    {
        var json = Encoding.UTF8.GetString(ModelPackageJson.Serialize(_package)).Replace(find, replace, StringComparison.Ordinal);

        var act = () => ModelPackageJson.Deserialize(Encoding.UTF8.GetBytes(json));

        act.Should().Throw<InvalidDataException>().WithMessage("Not a valid model package: *");
    }

    [Fact]
    public void Malformed_json_is_one_invalid_data_error() =>
        FluentActions.Invoking(() => ModelPackageJson.Deserialize("{\"modelName\":"u8))
            .Should().Throw<InvalidDataException>().WithMessage("Not a valid model package: *");
}
