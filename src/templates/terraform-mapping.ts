/**
 * How an azurerm resource in a Terraform plan reads as the ARM documents the controls judge. Each
 * kind folder holds its own mapping (src/kinds/<kind>/terraform.ts, exporting `terraform`), and
 * `npm run generate` collects them into TERRAFORM_BY_KIND (src/kinds/generated/terraform.ts). Only
 * attributes that carry exactly one ARM property are mapped: an attribute the provider combines with
 * others, or computes from several, is left out, and the control that reads it says unknown.
 */
import type { Json } from '../core/json';

/** A default the azurerm provider's docs state for an attribute the plan leaves unset. */
export interface ProviderDefault {
  value: Json;
  /** The docs file and the sentence the default is read from. */
  source: string;
  /** The docs give it for new resources only ("Defaults to TLS1_2 for new storage accounts"). */
  onCreateOnly?: boolean;
}

export interface AttributeMapping {
  /**
   * Dotted path in the resource's planned values. A nested block is a list of one object in a plan
   * (`site_config: [{…}]`); its name stands for its first element: `site_config.minimum_tls_version`.
   */
  attribute: string;
  /** Earlier spellings the provider accepted (3.x's `enable_https_traffic_only`), read when `attribute` is unset. */
  formerly?: readonly string[];
  /** The ARM document the property is in: `self`, or a control target such as `config/web`. */
  target: string;
  /** Dotted path of the property in that document, as the controls read it. */
  property: string;
  /** The ARM value of a provider value, where the provider spells it differently. */
  translate?: (value: Json) => Json;
  /** What an unset attribute means. Without either field an unset attribute is judged unknown. */
  default?: ProviderDefault;
  /** Why no default is applied although the docs name one (it differs between provider versions, say). */
  noDefault?: string;
  /**
   * The attribute is a nested block's: when the plan writes no such block, the target document is
   * not written at all (an `auth_settings_v2` block for config/authsettingsV2).
   */
  onlyWithBlock?: string;
}

/** An azurerm resource that is one ARM resource (storage account, site, cache, server). */
export interface TerraformResourceMapping {
  shape: 'resource';
  /** The azurerm resource type, e.g. `azurerm_storage_account`. */
  resourceType: string;
  armType: string;
  /** The ARM `kind` the provider writes, where controls may read it. */
  kind?: string;
  /** For a child type (a slot): the attribute holding the parent's ARM id. */
  parentIdAttribute?: string;
  /** For a child type whose azurerm resource names its parent instead (`api_management_name`): that attribute; the parent is in the child's resource group. */
  parentNameAttribute?: string;
  /** The provider docs file the attributes and defaults are read from. */
  docs: string;
  attributes: readonly AttributeMapping[];
}

/**
 * An azurerm resource that is one child document of another: a flexible server's parameter
 * (`azurerm_mysql_flexible_server_configuration` name + value → `configurations/{name}` with
 * `properties.value`).
 */
export interface TerraformParameterMapping {
  shape: 'parameter';
  resourceType: string;
  /** The azurerm type of the server it belongs to, and that server's ARM type. */
  parentResourceType: string;
  parentArmType: string;
  /** Attributes that name the parent: its ARM id, or its name. */
  parentIdAttribute?: string;
  parentNameAttribute?: string;
  /** The child's type segment under the parent (`configurations`). */
  childSegment: string;
  docs: string;
}

export type TerraformMapping = TerraformResourceMapping | TerraformParameterMapping;

/** The docs of hashicorp/terraform-provider-azurerm these mappings were read from. */
export const AZURERM_DOCS = 'hashicorp/terraform-provider-azurerm website/docs/r';
