using System.Text;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Tests.Streaming;

public sealed class Murmur2PartitionerTests
{
    // Vectors from the Java client's own test of Utils.murmur2.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hash_matches_the_java_client(string key, int expected) =>
        Murmur2Partitioner.Hash(Encoding.UTF8.GetBytes(key)).Should().Be(expected);

    [Fact]
    public void Partition_is_within_range_and_stable_for_long_keys()
    {
        var longKey = new string('x', 2000);
        var partition = Murmur2Partitioner.Partition(longKey, 12);
        partition.Should().BeInRange(0, 11);
        Murmur2Partitioner.Partition(longKey, 12).Should().Be(partition);
        Murmur2Partitioner.Partition("21", 7).Should().Be((-973932308 & 0x7fffffff) % 7);
    }
}
