using RoCoIn.Engine.Fleets;

namespace RoCoIn.Engine.Tests.Fleets;

public class FleetValidatorTests
{
    [Fact]
    public void ValidFleetHasNoErrors()
    {
        var fleet = new Fleet { Name = "Lab fleet", Description = "Three Pis", DeviceIds = [3, 1, 2] };

        FleetValidator.Validate(fleet).ShouldBeEmpty();
    }

    [Fact]
    public void EmptyFleetIsValid()
    {
        FleetValidator.Validate(new Fleet { Name = "Empty" }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void MissingNameIsRequired(string name)
    {
        var error = FleetValidator.Validate(new Fleet { Name = name }).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldBe("Name is required.");
    }

    [Theory]
    [InlineData(" Lab")]
    [InlineData("Lab ")]
    public void NameWithLeadingOrTrailingSpacesIsAnError(string name)
    {
        var error = FleetValidator.Validate(new Fleet { Name = name }).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldContain("spaces");
    }

    [Fact]
    public void TooLongNameIsAnError()
    {
        var fleet = new Fleet { Name = new string('f', FleetValidator.MaxNameLength + 1) };

        var error = FleetValidator.Validate(fleet).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldContain("got 101");
    }

    [Fact]
    public void NameOfMaximumLengthIsValid()
    {
        FleetValidator.Validate(new Fleet { Name = new string('f', FleetValidator.MaxNameLength) }).ShouldBeEmpty();
    }

    [Fact]
    public void TooLongDescriptionIsAnError()
    {
        var fleet = new Fleet { Name = "Lab", Description = new string('d', FleetValidator.MaxDescriptionLength + 1) };

        FleetValidator.Validate(fleet).ShouldHaveSingleItem().Field.ShouldBe("description");
    }

    [Fact]
    public void DuplicateDeviceIdIsAnErrorNamingTheIdAndCount()
    {
        var fleet = new Fleet { Name = "Lab", DeviceIds = [1, 5, 2, 5, 5] };

        var error = FleetValidator.Validate(fleet).ShouldHaveSingleItem();

        error.Field.ShouldBe("deviceIds");
        error.Message.ShouldContain("Device 5 is listed 3 times");
    }

    [Fact]
    public void MoreThanAThousandDevicesIsAnError()
    {
        var fleet = new Fleet { Name = "Huge", DeviceIds = [.. Enumerable.Range(1, FleetValidator.MaxDevices + 1)] };

        var error = FleetValidator.Validate(fleet).ShouldHaveSingleItem();

        error.Field.ShouldBe("deviceIds");
        error.Message.ShouldContain("got 1001");
    }

    [Fact]
    public void AThousandDevicesIsValid()
    {
        var fleet = new Fleet { Name = "Big", DeviceIds = [.. Enumerable.Range(1, FleetValidator.MaxDevices)] };

        FleetValidator.Validate(fleet).ShouldBeEmpty();
    }
}
