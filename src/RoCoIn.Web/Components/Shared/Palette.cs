namespace RoCoIn.Web.Components.Shared;

/// <summary>
/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Groups and strategies cycle
/// through them in order.
/// </summary>
public static class Palette
{
    private static readonly string[] Colours =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>Colour of the <paramref name="index"/>-th group or series.</summary>
    public static string Colour(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];

    /// <summary>Black text on the light colours, white on the dark ones.</summary>
    public static string TextOn(int index) => Colour(index) is "#E69F00" or "#F0E442" or "#56B4E9" ? "#000000" : "#FFFFFF";
}
