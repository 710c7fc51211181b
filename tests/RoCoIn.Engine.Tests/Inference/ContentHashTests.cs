using System.Text;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Engine.Tests.Inference;

public class ContentHashTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Sha256HexIsLowercaseHexOfTheDigest(string text, string expected) =>
        ContentHash.Sha256Hex(Encoding.ASCII.GetBytes(text)).ShouldBe(expected);
}
