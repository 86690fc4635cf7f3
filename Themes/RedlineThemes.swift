/// The theme files of this folder, embedded in the binary so an installed `redline` finds them.
public enum BundledThemes {
    /// `(file name without .json, JSON bytes)`, the default first.
    public static let files: [(name: String, bytes: [UInt8])] = [
        ("dark", PackageResources.dark_json),
        ("light", PackageResources.light_json),
        ("high-contrast", PackageResources.high_contrast_json),
        ("colorblind", PackageResources.colorblind_json),
        ("monochrome", PackageResources.monochrome_json),
    ]
}
